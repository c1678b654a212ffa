using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// A step-by-step conversation, read top to bottom like a waterfall: each step asks one question and handles its
/// answer. The engine stores the position and the answers after every step, and handles "stop", "terug", typed
/// button labels, stale buttons and unsupported message kinds for every step alike.
/// </summary>
public abstract class Dialog
{
    /// <summary>Stable name stored with the dialog state; never rename a dialog that may be in progress.</summary>
    public abstract string Name { get; }

    public abstract IReadOnlyList<DialogStep> Steps { get; }

    /// <summary>Runs before the first question; return false (after replying why) to refuse to start.</summary>
    public virtual Task<bool> CanStartAsync(TurnContext ctx) => Task.FromResult(true);

    /// <summary>
    /// The step that "stop" leads to instead of ending the dialog at once, for dialogs where stopping is a choice (keep
    /// the answers for later, or throw them away). "stop" typed at that step itself goes to its answer handler.
    /// </summary>
    public virtual string? StopStepId => null;

    /// <summary>Called once the last step returned <see cref="StepResult.Next"/>: store the result, say thanks.</summary>
    public virtual Task CompleteAsync(TurnContext ctx) => Task.CompletedTask;

    protected static DialogStep Step(string id, Func<TurnContext, Task<OutgoingMessage>> ask, Func<TurnContext, InboundContent, Task<StepResult>> answer) =>
        new(id, ask, answer);
}

/// <summary>One question of a dialog and the handling of its answer.</summary>
/// <param name="Id">Stable id stored with the dialog state.</param>
/// <param name="Ask">Builds the question; may first send other messages through the context.</param>
/// <param name="Answer">Validates and stores the answer in <see cref="TurnContext.Values"/>, and says where to go.</param>
public sealed record DialogStep(
    string Id,
    Func<TurnContext, Task<OutgoingMessage>> Ask,
    Func<TurnContext, InboundContent, Task<StepResult>> Answer);

/// <summary>What a step's answer handler decides.</summary>
public abstract record StepResult
{
    private StepResult() { }

    /// <summary>Go on with the next step (or complete the dialog after the last one).</summary>
    public static StepResult Next { get; } = new NextResult();

    /// <summary>The dialog is over; the handler has said what needed saying.</summary>
    public static StepResult End { get; } = new EndResult();

    /// <summary>Say why the answer cannot be used, then ask the same question again.</summary>
    public static StepResult Retry(TextKey why, params object?[] args) => new RetryResult(why, args);

    /// <summary>Continue at another step (for example "Wijzigen" from a summary).</summary>
    public static StepResult GoTo(string stepId) => new GoToResult(stepId);

    internal sealed record NextResult : StepResult;
    internal sealed record EndResult : StepResult;
    internal sealed record RetryResult(TextKey Why, object?[] Args) : StepResult;
    internal sealed record GoToResult(string StepId) : StepResult;
}

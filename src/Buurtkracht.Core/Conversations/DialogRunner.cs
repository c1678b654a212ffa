using System.Text.Json;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Conversations;

/// <summary>Moves a person through a <see cref="Dialog"/>, one stored step at a time.</summary>
internal sealed class DialogRunner(BotRegistry registry, IOptions<ConversationOptions> options)
{
    private readonly ConversationOptions _options = options.Value;

    public async Task StartAsync(TurnContext ctx, string dialogName)
    {
        var dialog = registry.FindDialog(dialogName) ?? throw new InvalidOperationException($"No dialog named '{dialogName}'.");
        // Reuse a tracked row for the same person and chat: deleting and adding the same key in one unit of work clashes.
        var existing = ctx.DialogState;
        var state = existing ?? new DialogState
        {
            Channel = ctx.Message.Chat.Channel,
            ChatId = ctx.Message.Chat.ChatId,
            UserId = ctx.Message.From.UserId,
        };
        state.DialogName = dialog.Name;
        state.StepId = dialog.Steps[0].Id;
        state.HistoryJson = "[]";
        state.ChoicesJson = "[]";
        state.ValuesJson = "{}";
        state.StartedAt = ctx.Now;
        state.UpdatedAt = ctx.Now;
        ctx.DialogState = state;
        ctx.Values = new DialogValues();
        if (!await dialog.CanStartAsync(ctx))
        {
            Remove(ctx);
            return;
        }
        if (existing is null) ctx.Db.DialogStates.Add(state);
        await AskAsync(ctx, dialog, dialog.Steps[0]);
    }

    /// <summary>Feeds the turn's message to the person's running dialog.</summary>
    public async Task ContinueAsync(TurnContext ctx, DialogState state)
    {
        ctx.DialogState = state;
        ctx.Values = DialogValues.FromJson(state.ValuesJson);
        var dialog = registry.FindDialog(state.DialogName);
        if (dialog is null)
        {
            // A dialog removed by an upgrade: drop its state rather than leaving the person stuck.
            Remove(ctx);
            ctx.Say(ConversationTexts.NotUnderstood);
            return;
        }
        var step = dialog.Steps.FirstOrDefault(s => s.Id == state.StepId) ?? dialog.Steps[0];
        var choices = JsonSerializer.Deserialize<List<Choice>>(state.ChoicesJson) ?? [];

        var content = ctx.Message.Content;
        if (content is TextContent text)
        {
            var typed = text.Text.Trim();
            if (ConversationTexts.StopWords.Contains(typed, StringComparer.OrdinalIgnoreCase) && step.Id != dialog.StopStepId)
            {
                if (dialog.StopStepId is { } stopStep)
                {
                    PushHistory(ctx, step.Id);
                    await AskAsync(ctx, dialog, dialog.Steps[IndexOf(dialog, stopStep)]);
                }
                else Cancel(ctx);
                return;
            }
            if (ConversationTexts.BackWords.Contains(typed, StringComparer.OrdinalIgnoreCase))
            {
                await BackAsync(ctx, dialog, step);
                return;
            }
            var typedChoice = choices.FirstOrDefault(c => string.Equals(c.Label.Trim(), typed, StringComparison.CurrentCultureIgnoreCase));
            if (typedChoice is not null) content = new ChoiceContent(typedChoice.Data);
            else if (typed.Length == 0)
            {
                await RetryAsync(ctx, dialog, step, ConversationTexts.EmptyText);
                return;
            }
            else if (text.Text.Length > _options.MaxTextLength)
            {
                await RetryAsync(ctx, dialog, step, ConversationTexts.TooLong, text.Text.Length);
                return;
            }
        }
        switch (content)
        {
            case ChoiceContent pressed when !choices.Any(c => c.Data == pressed.Data):
                await RetryAsync(ctx, dialog, step, ConversationTexts.StaleButton);
                return;
            case UnsupportedContent unsupported:
                await RetryAsync(ctx, dialog, step, ConversationTexts.Unsupported, ctx.T(ConversationTexts.KindName(unsupported.Kind)));
                return;
        }

        var result = await step.Answer(ctx, content);
        await ApplyAsync(ctx, dialog, step, result);
    }

    /// <summary>Asks the running dialog's current question again, for example after /help answered in between.</summary>
    public async Task AskAgainAsync(TurnContext ctx, DialogState state)
    {
        ctx.DialogState = state;
        ctx.Values = DialogValues.FromJson(state.ValuesJson);
        if (registry.FindDialog(state.DialogName) is not { } dialog)
        {
            Remove(ctx);
            return;
        }
        await AskAsync(ctx, dialog, dialog.Steps.FirstOrDefault(s => s.Id == state.StepId) ?? dialog.Steps[0]);
    }

    private async Task ApplyAsync(TurnContext ctx, Dialog dialog, DialogStep step, StepResult result)
    {
        switch (result)
        {
            case StepResult.NextResult:
                var index = IndexOf(dialog, step.Id);
                if (index + 1 >= dialog.Steps.Count)
                {
                    Remove(ctx);
                    await dialog.CompleteAsync(ctx);
                    return;
                }
                PushHistory(ctx, step.Id);
                await AskAsync(ctx, dialog, dialog.Steps[index + 1]);
                break;
            case StepResult.GoToResult goTo:
                // Leaving the stop question is never a step to go back to.
                if (step.Id != dialog.StopStepId) PushHistory(ctx, step.Id);
                await AskAsync(ctx, dialog, dialog.Steps[IndexOf(dialog, goTo.StepId)]);
                break;
            case StepResult.RetryResult retry:
                await RetryAsync(ctx, dialog, step, retry.Why, retry.Args);
                break;
            case StepResult.EndResult:
                Remove(ctx);
                break;
        }
    }

    private async Task RetryAsync(TurnContext ctx, Dialog dialog, DialogStep step, TextKey why, params object?[] args)
    {
        ctx.Say(why, args);
        await AskAsync(ctx, dialog, step);
    }

    private async Task BackAsync(TurnContext ctx, Dialog dialog, DialogStep current)
    {
        var history = JsonSerializer.Deserialize<List<string>>(ctx.DialogState!.HistoryJson) ?? [];
        if (history.Count == 0)
        {
            await RetryAsync(ctx, dialog, current, ConversationTexts.AlreadyFirstQuestion);
            return;
        }
        var previous = history[^1];
        history.RemoveAt(history.Count - 1);
        ctx.DialogState.HistoryJson = JsonSerializer.Serialize(history);
        await AskAsync(ctx, dialog, dialog.Steps[IndexOf(dialog, previous)]);
    }

    private static async Task AskAsync(TurnContext ctx, Dialog dialog, DialogStep step)
    {
        var state = ctx.DialogState!;
        state.StepId = step.Id;
        var question = await step.Ask(ctx);
        // Ask may itself end the dialog (nothing left to ask); then there is no state to update.
        if (ctx.DialogState is null) return;
        ctx.Reply(question);
        state.ChoicesJson = JsonSerializer.Serialize(question.Choices.SelectMany(row => row).ToList());
        state.ValuesJson = ctx.Values.ToJson();
        state.UpdatedAt = ctx.Now;
    }

    public void Cancel(TurnContext ctx)
    {
        Remove(ctx);
        ctx.Say(ConversationTexts.Stopped);
    }

    /// <summary>Ends the running dialog, if any, without a word.</summary>
    public void Remove(TurnContext ctx)
    {
        if (ctx.DialogState is { } state)
        {
            var entry = ctx.Db.Entry(state);
            switch (entry.State)
            {
                case EntityState.Added: entry.State = EntityState.Detached; break;
                case EntityState.Detached: break;
                default: ctx.Db.DialogStates.Remove(state); break;
            }
        }
        ctx.DialogState = null;
    }

    public bool IsExpired(DialogState state, DateTimeOffset now) => now - state.UpdatedAt > _options.DialogExpiry;

    private static void PushHistory(TurnContext ctx, string stepId)
    {
        var history = JsonSerializer.Deserialize<List<string>>(ctx.DialogState!.HistoryJson) ?? [];
        history.Add(stepId);
        ctx.DialogState.HistoryJson = JsonSerializer.Serialize(history);
    }

    private static int IndexOf(Dialog dialog, string stepId)
    {
        for (var i = 0; i < dialog.Steps.Count; i++)
            if (dialog.Steps[i].Id == stepId) return i;
        throw new InvalidOperationException($"Dialog '{dialog.Name}' has no step '{stepId}'.");
    }
}

/// <summary>Section "Conversations".</summary>
public sealed class ConversationOptions
{
    /// <summary>A dialog untouched this long is ended with a short message.</summary>
    public TimeSpan DialogExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Longer texts are refused politely inside dialogs.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>How long processed update ids are remembered to recognise redeliveries.</summary>
    public TimeSpan ProcessedUpdateRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a platform question of a turn (is this user an admin, a member) may take before it counts as unanswered.</summary>
    public TimeSpan PlatformCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a photo download a dialog waits for (outside the writer loop) may take.</summary>
    public TimeSpan PhotoDownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a platform's answer on admins and members is reused before it is asked again.</summary>
    public TimeSpan PlatformCacheFor { get; set; } = TimeSpan.FromMinutes(1);
}

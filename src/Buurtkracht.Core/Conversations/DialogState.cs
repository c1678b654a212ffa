using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// Where one person is in one dialog in one chat. Stored after every step, so a restart (even a hard kill)
/// resumes at the same question.
/// </summary>
public sealed class DialogState
{
    public ChannelKind Channel { get; set; }
    public string ChatId { get; set; } = "";
    public string UserId { get; set; } = "";

    public string DialogName { get; set; } = "";
    public string StepId { get; set; } = "";

    /// <summary>The answers so far, as a JSON object of strings.</summary>
    public string ValuesJson { get; set; } = "{}";

    /// <summary>The steps asked before this one, as a JSON array, so "terug" can walk back.</summary>
    public string HistoryJson { get; set; } = "[]";

    /// <summary>The buttons of the last question, as a JSON array of choices, so typed labels and stale buttons can be recognised.</summary>
    public string ChoicesJson { get; set; } = "[]";

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An inbound update already handled; its key makes redelivery (also after a restart) harmless.</summary>
public sealed class ProcessedUpdate
{
    public string Key { get; set; } = "";
    public DateTimeOffset ProcessedAt { get; set; }
}

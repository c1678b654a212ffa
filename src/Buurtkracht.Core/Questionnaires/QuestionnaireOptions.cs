namespace Buurtkracht.Core.Questionnaires;

/// <summary>Section "Questionnaires".</summary>
public sealed class QuestionnaireOptions
{
    /// <summary>A folder with extra or edited questionnaire YAML files; a file with the key of a built-in one replaces it.</summary>
    public string? DefinitionsFolder { get; set; }

    /// <summary>How often the questionnaire job looks for sends to deliver, reminders and ended events.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a send stays open when no closing date is given.</summary>
    public TimeSpan OpenFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>After the opening, when the one reminder goes to people who have not finished (if still open).</summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Send the event feedback questionnaire automatically after an event to everyone who said "Ik kom".</summary>
    public bool AfterEventEnabled { get; set; } = true;

    /// <summary>Days after the event's end date (local calendar) on which the feedback goes out.</summary>
    public int AfterEventDays { get; set; } = 1;

    /// <summary>Local time (Europe/Amsterdam) at which the feedback goes out.</summary>
    public TimeOnly AfterEventTime { get; set; } = new(10, 0);

    /// <summary>The questionnaire key sent after events.</summary>
    public string AfterEventQuestionnaire { get; set; } = "activiteit-feedback";

    /// <summary>Breakdowns with fewer respondents than this are not shown, to keep answers anonymous.</summary>
    public int MinimumRespondents { get; set; } = 5;
}

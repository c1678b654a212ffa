namespace Buurtkracht.Core.Conversations;

/// <summary>Where a command may be used.</summary>
public enum CommandScope
{
    /// <summary>Personal dialogs: in a group the bot answers with a one-line pointer and a private-chat link.</summary>
    Private,

    /// <summary>Group management, such as linking a group to a buurt.</summary>
    Group,

    Anywhere,
}

/// <summary>Who may use a command: /help and the platforms' command menus show a person only theirs.</summary>
public enum CommandAudience
{
    Everyone,

    /// <summary>A group's admins and moderators (and coördinatoren): linking the group, its settings.</summary>
    GroupAdmins,

    /// <summary>Anyone holding a role (moderator or coördinator), such as the dashboard link.</summary>
    RoleHolders,

    Coordinators,
}

/// <summary>A slash command a feature offers. Register with services.AddSingleton(new BotCommand(...)).</summary>
/// <param name="Name">Lower case, without slash; also the deep-link payload that starts it privately.</param>
/// <param name="Run">What it does; starting a dialog is <c>ctx => ctx.StartDialogAsync("name")</c>.</param>
/// <param name="ShowInHelp">False for commands that /help and the menus leave out (such as /start).</param>
/// <param name="KeepsDialog">
/// True for commands that only tell something (/help, /privacy): typed during a dialog they answer and the dialog's
/// question is asked again, instead of the dialog being replaced.
/// </param>
public sealed record BotCommand(
    string Name, TextKey Description, CommandScope Scope, Func<TurnContext, Task> Run, bool ShowInHelp = true, bool KeepsDialog = false)
{
    /// <summary>False for a command that /help and Telegram list but menus with a small cap (Teams: ten a list) leave out.</summary>
    public bool InCompactMenus { get; init; } = true;

    /// <summary>Who may use it; the command checks that itself too; this decides where it is shown.</summary>
    public CommandAudience Audience { get; init; } = CommandAudience.Everyone;

    public static BotCommand StartsDialog(string name, TextKey description, CommandScope scope, string dialogName,
        CommandAudience audience = CommandAudience.Everyone) =>
        new(name, description, scope, ctx => ctx.StartDialogAsync(dialogName)) { Audience = audience };
}

/// <summary>
/// Handles button presses outside any dialog whose data starts with "<see cref="Prefix"/>:" (for example RSVP buttons
/// under an event announcement).
/// </summary>
public interface IChoiceHandler
{
    string Prefix { get; }

    Task HandleAsync(TurnContext ctx, string payload);
}

/// <summary>
/// A feature that may take a free text typed in a private chat outside any dialog, after the built-in wishes
/// (<see cref="Intents"/>) found nothing; for example a description of something broken starts a melding.
/// </summary>
public interface IFreeTextHandler
{
    /// <summary>True when the text was taken (and answered).</summary>
    Task<bool> TryHandleAsync(TurnContext ctx, string text);
}

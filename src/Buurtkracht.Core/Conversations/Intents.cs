using System.Text.RegularExpressions;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// The few obvious wishes a resident types instead of a command ("ik wil iets melden", "help", "stop"), recognised in a
/// private chat outside any dialog and answered with the right command as a button. Deliberately a short word list:
/// a wrong guess is worse than the plain "typ /help".
/// </summary>
internal static partial class Intents
{
    /// <summary>The data prefix of the buttons that run a command (<see cref="CommandChoiceHandler"/>).</summary>
    public const string ChoicePrefix = "cmd";

    private static readonly (string Command, string[] Words)[] Known =
    [
        ("melding", ["melden", "melding", "kapot", "report", "broken"]),
        ("vragenlijst", ["vragenlijst", "enquête", "enquete", "questionnaire", "survey"]),
        ("taal", ["taal", "language", "english", "engels"]),
        ("activiteit", ["activiteit", "activiteiten", "agenda", "activity", "activities", "event", "events"]),
        ("help", ["help", "hulp", "helpen", "commando", "commando's", "opdrachten"]),
        ("stop", ["stop", "stoppen", "annuleer", "annuleren", "cancel"]),
    ];

    /// <summary>Answers a recognised wish and returns true; false leaves the text to the general "not understood".</summary>
    public static async Task<bool> AnswerAsync(TurnContext ctx, string text)
    {
        // Long texts are stories, not requests for a command; guessing there misleads.
        if (text.Length > 80) return false;
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        var command = Known.FirstOrDefault(k => k.Words.Any(words.Contains)).Command;
        switch (command)
        {
            case null:
                return false;
            case "stop":
                ctx.Say(ConversationTexts.NothingToStop);
                return true;
            case "help":
                await MemberCommands.Help.Run(ctx);
                return true;
            case "activiteit" when !await ctx.HasRoleAsync(Role.Coordinator):
                ctx.Say(ConversationTexts.ActivitiesInTheGroup);
                return true;
            default:
                ctx.Reply(ctx.Question(ConversationTexts.OfferCommand, [new Choice("/" + command, $"{ChoicePrefix}:{command}")], 1, "/" + command));
                return true;
        }
    }

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex Word();
}

/// <summary>Runs the command on a button that <see cref="Intents"/> offered, as if it had been typed.</summary>
internal sealed class CommandChoiceHandler : IChoiceHandler
{
    public string Prefix => Intents.ChoicePrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        // Looked up per press: the registry is built from the handlers, so it cannot be injected here.
        var registry = ctx.Services.GetRequiredService<BotRegistry>();
        if (registry.FindCommand(payload) is not { } command || command.Scope == CommandScope.Group || !ctx.IsPrivate)
        {
            ctx.Say(ConversationTexts.ButtonExpired);
            return;
        }
        ctx.CommandArgument = "";
        await command.Run(ctx);
    }
}

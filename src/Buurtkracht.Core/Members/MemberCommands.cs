using System.Text;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Members;

/// <summary>/start, /help, /taal and /privacy: what every person can ask anywhere.</summary>
public static class MemberCommands
{
    public static BotCommand Start { get; } = new("start", MemberTexts.StartDescription, CommandScope.Anywhere, ctx =>
    {
        if (ctx.IsPrivate) ctx.Say(MemberTexts.Welcome, FirstName(ctx.Member.DisplayName));
        else ctx.Say(GroupTexts.Greeting);
        return Task.CompletedTask;
    }, ShowInHelp: false);

    public static BotCommand Language { get; } =
        BotCommand.StartsDialog("taal", MemberTexts.LanguageDescription, CommandScope.Private, LanguageDialog.DialogName);

    public static BotCommand Privacy { get; } = new("privacy", MemberTexts.PrivacyDescription, CommandScope.Anywhere, ctx =>
    {
        ctx.Reply(Core.Privacy.PrivacyCommands.Notice(ctx));
        return Task.CompletedTask;
    }, KeepsDialog: true);

    /// <summary>Lists the commands the person may use where they ask, with how to get to the others.</summary>
    public static BotCommand Help { get; } = new("help", MemberTexts.HelpDescription, CommandScope.Anywhere, async ctx =>
    {
        var text = new StringBuilder(ctx.T(MemberTexts.HelpIntro)).AppendLine();
        var usable = ctx.Services.GetRequiredService<BotRegistry>().HelpCommands
            .Where(c => c.Scope == CommandScope.Anywhere || (c.Scope == CommandScope.Private) == ctx.IsPrivate)
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        var audiences = await AudiencesAsync(ctx);
        foreach (var command in usable.Where(c => audiences.Contains(c.Audience)))
            text.AppendLine($"/{command.Name} – {ctx.T(command.Description)}");
        text.AppendLine();
        text.Append(ctx.IsPrivate ? ctx.T(MemberTexts.HelpDialogs) : ctx.T(MemberTexts.HelpGroupPrivate, ctx.Channel.PrivateChatLink("help")));
        ctx.Reply(OutgoingMessage.Plain(text.ToString()));
    }, KeepsDialog: true);

    /// <summary>The audiences the person belongs to here: everyone, and what their roles (or, in a group, being its admin) add.</summary>
    public static async Task<IReadOnlySet<CommandAudience>> AudiencesAsync(TurnContext ctx)
    {
        var audiences = new HashSet<CommandAudience> { CommandAudience.Everyone };
        var coordinator = await ctx.HasRoleAsync(Role.Coordinator);
        if (coordinator) audiences.Add(CommandAudience.Coordinators);
        if (coordinator || await ctx.HasRoleAsync(Role.Moderator)) audiences.Add(CommandAudience.RoleHolders);
        // Group commands: a moderator of this group, or whom the platform names its admin (before /koppel, nobody is
        // a moderator yet).
        if (!ctx.IsPrivate
            && (coordinator
                || (ctx.Group is { Id: > 0 } group && await ctx.HasRoleAsync(Role.Moderator, group.Id))
                || ctx.Platform.IsGroupAdmin() == true))
            audiences.Add(CommandAudience.GroupAdmins);
        return audiences;
    }

    private static string FirstName(string displayName)
    {
        var first = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? "daar" : first;
    }
}

/// <summary>/taal: one question, a button per shipped language with the language's name in itself.</summary>
public sealed class LanguageDialog : Dialog
{
    public const string DialogName = "taal";
    private const string Prefix = "taal:";

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("taal",
            ctx => Task.FromResult(ctx.Question(MemberTexts.AskLanguage, Languages.Shipped.Select(l => new Choice(l.OwnName, Prefix + l.Code)))),
            (ctx, answer) =>
            {
                if (answer is not ChoiceContent choice || !choice.Data.StartsWith(Prefix, StringComparison.Ordinal)
                    || Languages.Find(choice.Data[Prefix.Length..]) is not { } language)
                    return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
                ctx.Member.Language = language.Code;
                ctx.Say(MemberTexts.LanguageSet);
                return Task.FromResult(StepResult.End);
            }),
    ];
}

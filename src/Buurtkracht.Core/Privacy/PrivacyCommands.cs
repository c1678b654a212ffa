using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Privacy;

/// <summary>/privacy, /mijngegevens and /vergeetmij: what is kept, a copy of it, and having it wiped.</summary>
public static class PrivacyCommands
{
    /// <summary>Left out of the compact menus too, like /vergeetmij: /privacy names both, and Teams' ten are taken.</summary>
    public static BotCommand MyData { get; } = new("mijngegevens", PrivacyTexts.MyDataDescription, CommandScope.Private, SendMyDataAsync) { InCompactMenus = false };

    /// <summary>
    /// Left out of the compact menus (Teams allows ten commands a list): /privacy and /mijngegevens name it, and it
    /// works typed everywhere.
    /// </summary>
    public static BotCommand Forget { get; } =
        BotCommand.StartsDialog("vergeetmij", PrivacyTexts.ForgetDescription, CommandScope.Private, ForgetDialog.DialogName) with { InCompactMenus = false };

    /// <summary>The /privacy text with the configured retention periods filled in.</summary>
    public static OutgoingMessage Notice(TurnContext ctx)
    {
        var privacy = ctx.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value;
        var meldingen = ctx.Services.GetRequiredService<IOptions<MeldingenOptions>>().Value;
        var contact = string.IsNullOrWhiteSpace(privacy.Contact) ? ctx.T(PrivacyTexts.DefaultContact) : privacy.Contact;
        return ctx.Text(PrivacyTexts.Overview, meldingen.PersonalDataRetentionDays, privacy.InactiveMonths, (int)privacy.OutboxTextAfter.TotalDays, contact);
    }

    private static async Task SendMyDataAsync(TurnContext ctx)
    {
        // A person whose first message this is has no key yet; the queries need it.
        if (ctx.Member.Id == 0) await ctx.Db.SaveChangesAsync();
        var data = await PersonalDataExport.CollectAsync(ctx.Db, ctx.Member);
        var folder = ExportFolder(ctx.Services);
        Directory.CreateDirectory(folder);
        var stamp = ctx.Now.ToUnixTimeMilliseconds();
        var json = Path.Combine(folder, $"mijngegevens-{ctx.Member.Id}-{stamp}.json");
        var text = Path.Combine(folder, $"mijngegevens-{ctx.Member.Id}-{stamp}.txt");
        await File.WriteAllTextAsync(json, PersonalDataExport.ToJson(data));
        var readable = PersonalDataExport.ToText(data);
        await File.WriteAllTextAsync(text, readable);

        ctx.Say(PrivacyTexts.MyDataSent, data.Meldingen.Count, data.Groups.Count, data.Rsvps.Count, data.Questionnaires.Count);
        ctx.Reply(new OutgoingMessage { Text = ctx.T(PrivacyTexts.ReadableCaption), DocumentPath = text });
        ctx.Reply(new OutgoingMessage { Text = ctx.T(PrivacyTexts.JsonCaption), DocumentPath = json });
        // Only Telegram sends files today; elsewhere the readable copy comes as a message.
        if (ctx.Message.Chat.Channel != ChannelKind.Telegram) ctx.Reply(OutgoingMessage.Plain(readable));
    }

    /// <summary>{data}/exports, beside {data}/meldingen; the retention job deletes what is older than Privacy:ExportFilesAfter.</summary>
    internal static string ExportFolder(IServiceProvider services) =>
        Path.Combine(Path.GetDirectoryName(services.GetRequiredService<MeldingPhotoStore>().Root)!, "exports");
}

/// <summary>/vergeetmij: one question with two buttons; "ja" forgets the member in the same turn.</summary>
public sealed class ForgetDialog : Dialog
{
    public const string DialogName = "vergeetmij";

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("zeker",
            ctx => Task.FromResult(ctx.Question(PrivacyTexts.AskForget,
                [ctx.Choice(PrivacyTexts.ForgetYes, "vergeet:ja"), ctx.Choice(PrivacyTexts.ForgetNo, "vergeet:nee")], perRow: 1)),
            (ctx, answer) => Task.FromResult(answer switch
            {
                ChoiceContent { Data: "vergeet:ja" } => StepResult.Next,
                ChoiceContent { Data: "vergeet:nee" } => Say(ctx, PrivacyTexts.NotForgotten),
                _ => StepResult.Retry(ConversationTexts.UseTheButtons),
            })),
    ];

    private static StepResult Say(TurnContext ctx, TextKey text)
    {
        ctx.Say(text);
        return StepResult.End;
    }

    public override async Task CompleteAsync(TurnContext ctx)
    {
        // The goodbye is queued first: it goes to this chat, which the forgetting leaves only for pending messages.
        ctx.Say(PrivacyTexts.Forgotten);
        await ForgetMember.ForgetAsync(ctx.Db, ctx.Member, ctx.Now, AuditLog.Who(ctx.Member));
    }
}

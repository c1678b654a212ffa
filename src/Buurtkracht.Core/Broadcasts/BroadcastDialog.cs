using System.Globalization;
using System.Text;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Broadcasts;

/// <summary>/omroep: a coördinator sends one message to many groups, now or at a set time, after seeing it as residents will.</summary>
public sealed class BroadcastDialog(
    BroadcastService broadcasts, BroadcastPhotos photos, IEnumerable<IPhotoDownloader> downloaders, ILogger<BroadcastDialog> log) : Dialog
{
    public const string DialogName = "omroep";
    private const long MaxPhotoBytes = BroadcastPhotos.MaxBytes;

    public override string Name => DialogName;

    public override async Task<bool> CanStartAsync(TurnContext ctx)
    {
        if (await ctx.HasRoleAsync(Role.Coordinator)) return true;
        ctx.Say(BroadcastTexts.OnlyCoordinators);
        return false;
    }

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("doelgroep", ctx => Task.FromResult(ctx.Question(BroadcastTexts.AskAudience,
            [
                ctx.Choice(BroadcastTexts.AudienceAll, "omroep:all"), ctx.Choice(BroadcastTexts.AudienceBuurt, "omroep:buurt"),
                ctx.Choice(BroadcastTexts.AudienceGroups, "omroep:groups"), ctx.Choice(BroadcastTexts.AudienceModerators, "omroep:mods"),
            ])),
            (ctx, answer) =>
            {
                (BroadcastAudienceKind? kind, string next) = (answer as ChoiceContent)?.Data switch
                {
                    "omroep:all" => (BroadcastAudienceKind.AllGroups, "tekst"),
                    "omroep:buurt" => (BroadcastAudienceKind.Buurt, "buurt"),
                    "omroep:groups" => (BroadcastAudienceKind.Groups, "groepen"),
                    "omroep:mods" => (BroadcastAudienceKind.Moderators, "tekst"),
                    _ => ((BroadcastAudienceKind?)null, ""),
                };
                if (kind is null) return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
                ctx.Values["doelgroep"] = kind.Value.ToString();
                ctx.Values["ids"] = null;
                return Task.FromResult(StepResult.GoTo(next));
            }),
        Step("buurt", async ctx =>
            {
                var buurten = await Groups.BuurtService.Real(ctx.Db).OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync();
                return ctx.Question(BroadcastTexts.AskBuurt, buurten.Select(b => new Choice(b.Name, $"omroep-buurt:{b.Id}")));
            },
            async (ctx, answer) =>
            {
                if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("omroep-buurt:", StringComparison.Ordinal)
                    || !int.TryParse(data["omroep-buurt:".Length..], out var id) || !await Groups.BuurtService.Real(ctx.Db).AnyAsync(b => b.Id == id))
                    return StepResult.Retry(ConversationTexts.UseTheButtons);
                ctx.Values["ids"] = id.ToString(CultureInfo.InvariantCulture);
                return StepResult.GoTo("tekst");
            }),
        Step("groepen", async ctx =>
            {
                var groups = await ctx.Db.StreetGroups.Where(g => g.IsActive && g.Channel != ChannelKind.WebChat).OrderBy(g => g.Id).Select(g => new { g.Id, g.Title }).ToListAsync();
                if (groups.Count == 0) return ctx.Text(BroadcastTexts.NoGroups);
                var list = string.Join('\n', groups.Select(g => $"{g.Id} – {g.Title}"));
                return ctx.Text(BroadcastTexts.AskGroups, list) with { ExpectsTextReply = true };
            },
            async (ctx, answer) =>
            {
                var parts = ((answer as TextContent)?.Text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var ids = parts.Select(p => int.TryParse(p, out var id) ? id : -1).Distinct().ToList();
                if (ids.Count == 0 || ids.Contains(-1)) return StepResult.Retry(BroadcastTexts.GroupsInvalid);
                var known = await ctx.Db.StreetGroups.CountAsync(g => ids.Contains(g.Id) && g.Channel != ChannelKind.WebChat);
                if (known != ids.Count) return StepResult.Retry(BroadcastTexts.GroupsInvalid);
                ctx.Values["ids"] = string.Join(',', ids);
                return StepResult.Next;
            }),
        Step("tekst", ctx => Task.FromResult(ctx.Text(BroadcastTexts.AskText) with { ExpectsTextReply = true }), (ctx, answer) =>
        {
            var text = (answer as TextContent)?.Text.Trim() ?? "";
            if (!BroadcastService.IsValidText(text)) return Task.FromResult(StepResult.Retry(BroadcastTexts.TextInvalid));
            ctx.Values["tekst"] = text;
            return Task.FromResult(StepResult.Next);
        }),
        Step("foto", ctx => Task.FromResult(ctx.Question(BroadcastTexts.AskPhoto, [ctx.Choice(BroadcastTexts.NoPhoto, "omroep:geenfoto")])), AnswerPhotoAsync),
        Step("link", ctx => Task.FromResult(ctx.Question(BroadcastTexts.AskLink, [ctx.Choice(BroadcastTexts.NoLink, "omroep:geenlink")]) with { ExpectsTextReply = true }),
            (ctx, answer) =>
            {
                switch (answer)
                {
                    case ChoiceContent { Data: "omroep:geenlink" }:
                        ctx.Values["link"] = null;
                        return Task.FromResult(StepResult.Next);
                    case TextContent { Text: var text } when BroadcastService.IsValidLink(text.Trim()):
                        ctx.Values["link"] = text.Trim();
                        return Task.FromResult(StepResult.Next);
                    default:
                        return Task.FromResult(StepResult.Retry(BroadcastTexts.LinkInvalid));
                }
            }),
        Step("voorbeeld", ctx =>
            {
                ctx.Say(BroadcastTexts.PreviewIntro);
                ctx.Reply(Render(ctx));
                return Task.FromResult(ctx.Question(BroadcastTexts.AskWhen,
                    [ctx.Choice(BroadcastTexts.Now, "omroep:nu"), ctx.Choice(BroadcastTexts.Later, "omroep:later"), ctx.Choice(BroadcastTexts.No, "omroep:stop")]));
            },
            (ctx, answer) =>
            {
                switch ((answer as ChoiceContent)?.Data)
                {
                    case "omroep:nu":
                        ctx.Values["tijd"] = null;
                        return Task.FromResult(StepResult.GoTo("bevestig"));
                    case "omroep:later":
                        return Task.FromResult(StepResult.Next);
                    case "omroep:stop":
                        Stop(ctx);
                        return Task.FromResult(StepResult.End);
                    default:
                        return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
                }
            }),
        Step("tijd", ctx => Task.FromResult(ctx.Text(BroadcastTexts.AskTime, SpokenTime.ExampleDate(EventTime.ToLocal(ctx.Now))) with { ExpectsTextReply = true }), (ctx, answer) =>
        {
            if (answer is not TextContent { Text: var text } || !SpokenTime.TryParse(text, EventTime.ToLocal(ctx.Now), out var local))
                return Task.FromResult(StepResult.Retry(BroadcastTexts.TimeInvalid, SpokenTime.ExampleDate(EventTime.ToLocal(ctx.Now))));
            var at = EventTime.ToInstant(local);
            if (!BroadcastService.IsValidSendAt(at, ctx.Now))
                return Task.FromResult(StepResult.Retry(BroadcastTexts.TimeInvalid, SpokenTime.ExampleDate(EventTime.ToLocal(ctx.Now))));
            ctx.Values["tijd"] = at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            return Task.FromResult(StepResult.Next);
        }),
        Step("bevestig", async ctx =>
            {
                var targets = await broadcasts.ResolveAsync(ctx.Db, Audience(ctx), Ids(ctx));
                return SendAt(ctx) is { } at
                    ? ctx.Question(BroadcastTexts.ConfirmLater, [ctx.Choice(BroadcastTexts.Yes, "omroep:ja"), ctx.Choice(BroadcastTexts.No, "omroep:stop")], 2,
                        BroadcastTexts.Chats(targets.Count, ctx.Language), EventTime.Format(at, ctx.Language))
                    : ctx.Question(BroadcastTexts.ConfirmNow, [ctx.Choice(BroadcastTexts.Yes, "omroep:ja"), ctx.Choice(BroadcastTexts.No, "omroep:stop")], 2,
                        BroadcastTexts.Chats(targets.Count, ctx.Language));
            },
            (ctx, answer) =>
            {
                switch ((answer as ChoiceContent)?.Data)
                {
                    case "omroep:ja":
                        return Task.FromResult(StepResult.Next);
                    case "omroep:stop":
                        Stop(ctx);
                        return Task.FromResult(StepResult.End);
                    default:
                        return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
                }
            }),
    ];

    public override async Task CompleteAsync(TurnContext ctx)
    {
        var draft = new BroadcastDraft(Audience(ctx), Ids(ctx), ctx.Values["tekst"]!, ctx.Values["link"], ctx.Values["foto"],
            AuditLog.Who(ctx.Member), ctx.Member.Id, SendAt(ctx));
        var broadcast = await broadcasts.CreateAsync(ctx.Db, draft, ctx.Now);
        await ctx.Db.SaveChangesAsync();
        if (broadcast.Status == BroadcastStatus.Scheduled)
            ctx.Reply(ctx.Question(BroadcastTexts.Scheduled, [ctx.Choice(BroadcastTexts.CancelButton, $"{BroadcastCancelChoice.ChoicePrefix}:{broadcast.Id}")], 1,
                broadcast.Id, EventTime.Format(broadcast.SendAt, ctx.Language)));
        else
            ctx.Say(BroadcastTexts.Sent, broadcast.Id, BroadcastTexts.Chats(broadcast.Targets, ctx.Language));
    }

    private static OutgoingMessage Render(TurnContext ctx) => BroadcastMessages.Render(ctx.Values["tekst"] ?? "", ctx.Values["link"], ctx.Values["foto"]);

    private static BroadcastAudienceKind Audience(TurnContext ctx) => Enum.Parse<BroadcastAudienceKind>(ctx.Values["doelgroep"]!);

    private static IReadOnlyList<int> Ids(TurnContext ctx) =>
        ctx.Values["ids"]?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList() ?? [];

    private static DateTimeOffset? SendAt(TurnContext ctx) =>
        long.TryParse(ctx.Values["tijd"], out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static void Stop(TurnContext ctx)
    {
        if (ctx.Values["foto"] is { } path) TryDelete(path);
        ctx.Say(BroadcastTexts.Stopped);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<StepResult> AnswerPhotoAsync(TurnContext ctx, InboundContent answer)
    {
        switch (answer)
        {
            case ChoiceContent { Data: "omroep:geenfoto" }:
                ctx.Values["foto"] = null;
                return StepResult.Next;
            case PhotoContent photo:
                if (!downloaders.Any(d => d.Kind == ctx.Message.Chat.Channel) || photo.FileSize > MaxPhotoBytes)
                    return StepResult.Retry(BroadcastTexts.PhotoFailed);
                // Downloaded before this turn ran (TurnContext.Platform), so a slow file server holds up nobody else.
                var downloaded = ctx.Platform.Photo(photo.FileId);
                if (downloaded is not { Path: { } concept } || downloaded.Size > MaxPhotoBytes)
                {
                    if (downloaded?.Path is { } tooLarge) TryDelete(tooLarge);
                    log.LogWarning("Downloading a broadcast photo on {Channel} failed", ctx.Message.Chat.Channel);
                    return StepResult.Retry(BroadcastTexts.PhotoFailed);
                }
                var path = photos.NewPath();
                File.Move(concept, path);
                ctx.Values["foto"] = path;
                return StepResult.Next;
            default:
                return StepResult.Retry(BroadcastTexts.PhotoInvalid);
        }
    }
}

using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Meldingen.Places;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Groups;

/// <summary>
/// /koppel: a group admin links the group to a buurt and names its streets. A new name ("andere buurt") becomes a
/// proposal that only this group sees until a coördinator approves it. The web chat's demo group only ever links to
/// the demo buurt, and its visitor becomes no moderator. The streets must exist in the municipality: they are checked
/// against the BAG through the geocoder (not a list of our own), so a typo never becomes a street that group notices
/// and the dashboard then match on; they are stored as the BAG spells them. While the geocoder is unreachable they are
/// taken as typed.
/// </summary>
public sealed class LinkGroupDialog(IOptions<MeldingenOptions> meldingen, ILogger<LinkGroupDialog> log) : Dialog
{
    public const string DialogName = "koppel";
    private const string OtherBuurt = "buurt:other";
    private const string SkipStreets = "straten:skip";

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("buurt", AskBuurtAsync, AnswerBuurtAsync),
        Step("andere-buurt", ctx => Task.FromResult(ctx.Text(GroupTexts.AskBuurtName, ctx.T(GroupTexts.ReplyHint(ctx.Message.Chat.Channel))) with { ExpectsTextReply = true }), AnswerBuurtNameAsync),
        Step("straten", ctx => Task.FromResult(ctx.Question(GroupTexts.AskStreets, [ctx.Choice(GroupTexts.Skip, SkipStreets)], args: [ctx.T(GroupTexts.ReplyHint(ctx.Message.Chat.Channel))])), AnswerStreets),
    ];

    public override Task<bool> CanStartAsync(TurnContext ctx)
    {
        switch (ctx.Platform.IsGroupAdmin())
        {
            case true:
                return Task.FromResult(true);
            case false:
                ctx.Say(GroupTexts.OnlyAdmins);
                break;
            default:
                log.LogWarning("Admin check failed on {Channel}", ctx.Message.Chat.Channel);
                ctx.Say(GroupTexts.AdminCheckFailed);
                break;
        }
        return Task.FromResult(false);
    }

    private static bool IsDemo(TurnContext ctx) => ctx.Message.Chat.Channel == ChannelKind.WebChat;

    private static async Task<OutgoingMessage> AskBuurtAsync(TurnContext ctx)
    {
        var buurten = await BuurtService.Choosable(ctx.Db, ctx.Message.Chat.Channel, ctx.Group?.BuurtId)
            .OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync();
        var choices = buurten.Select(b => new Choice(b.Name, $"buurt:{b.Id}"));
        // A proposal from the demo group would reach the coördinatoren: the demo keeps to its own buurt.
        if (!IsDemo(ctx)) choices = choices.Append(ctx.Choice(GroupTexts.OtherBuurt, OtherBuurt));
        return ctx.Group?.Buurt is { } current
            ? ctx.Question(GroupTexts.ChooseBuurtRelink, choices, 2, current.Name)
            : ctx.Question(GroupTexts.ChooseBuurt, choices);
    }

    private static async Task<StepResult> AnswerBuurtAsync(TurnContext ctx, InboundContent answer)
    {
        if (answer is not ChoiceContent choice) return StepResult.Retry(ConversationTexts.UseTheButtons);
        if (choice.Data == OtherBuurt) return IsDemo(ctx) ? StepResult.Retry(ConversationTexts.UseTheButtons) : StepResult.Next;
        // The choice is what the client sent, not necessarily a button this group was shown: check it against those.
        if (!choice.Data.StartsWith("buurt:", StringComparison.Ordinal) || !int.TryParse(choice.Data["buurt:".Length..], out var id)
            || !await BuurtService.Choosable(ctx.Db, ctx.Message.Chat.Channel, ctx.Group?.BuurtId).AnyAsync(b => b.Id == id))
            return StepResult.Retry(ConversationTexts.UseTheButtons);
        ctx.Values["buurtId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Values["buurtNaam"] = null;
        return StepResult.GoTo("straten");
    }

    private static async Task<StepResult> AnswerBuurtNameAsync(TurnContext ctx, InboundContent answer)
    {
        if (IsDemo(ctx)) return StepResult.Retry(ConversationTexts.UseTheButtons);
        var name = (answer as TextContent)?.Text.Trim() ?? "";
        if (name.Length is < 2 or > 60) return StepResult.Retry(GroupTexts.BuurtNameInvalid);
        var lower = name.ToLowerInvariant();
        if (await ctx.Db.Buurten.AnyAsync(b => b.IsDemo && b.Name.ToLower() == lower)) return StepResult.Retry(GroupTexts.BuurtNameReserved);
        ctx.Values["buurtNaam"] = name;
        ctx.Values["buurtId"] = null;
        return StepResult.Next;
    }

    private Task<StepResult> AnswerStreets(TurnContext ctx, InboundContent answer)
    {
        switch (answer)
        {
            case ChoiceContent { Data: SkipStreets }:
                ctx.Values["straten"] = null;
                return Task.FromResult(StepResult.Next);
            case TextContent text:
                var streets = text.Text.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (streets.Count is 0 or > 30 || streets.Any(s => s.Length is < 2 or > 80))
                    return Task.FromResult(StepResult.Retry(GroupTexts.StreetsInvalid));
                if (ctx.Platform.CheckStreets(streets) is not { } check)
                {
                    // Linking is not held up by PDOK being away: the streets are taken as typed (they only steer the
                    // group notices), and the next /koppel checks them.
                    log.LogWarning("The geocoder could not check the streets of /koppel; taken as typed");
                    ctx.Values["straten"] = string.Join('\n', streets);
                    return Task.FromResult(StepResult.Next);
                }
                var unknown = streets.Where(s => check.Streets.GetValueOrDefault(s) is null).ToList();
                if (unknown.Count > 0)
                    return Task.FromResult(StepResult.Retry(GroupTexts.StreetsUnknown, meldingen.Value.Municipality, string.Join(", ", unknown)));
                ctx.Values["straten"] = string.Join('\n', streets.Select(s => check.Streets[s]!).Distinct(StringComparer.OrdinalIgnoreCase));
                return Task.FromResult(StepResult.Next);
            default:
                return Task.FromResult(StepResult.Retry(GroupTexts.StreetsInvalid));
        }
    }

    public override async Task CompleteAsync(TurnContext ctx)
    {
        var group = ctx.Group ?? throw new InvalidOperationException("/koppel runs in groups only.");
        // Asked first: a run that stops here for the platform's answer has changed nothing yet.
        var admins = IsDemo(ctx) ? [] : GroupAdmins(ctx);
        var buurt = await FindOrProposeBuurtAsync(ctx);
        var streets = ctx.Values["straten"]?.Split('\n').ToList() ?? [];

        group.Buurt = buurt;
        group.Streets = streets;
        group.LinkedAt = ctx.Now;
        group.IsActive = true;
        foreach (var street in streets.Where(s => !buurt.Streets.Contains(s, StringComparer.OrdinalIgnoreCase)))
            buurt.Streets = [.. buurt.Streets, street];

        Audit.AuditLog.Record(ctx.Db, ctx.Now, Audit.AuditLog.Who(ctx.Member), Audit.AuditActions.GroupLinked,
            $"group:{(group.Id == 0 ? "new" : group.Id.ToString())} buurt:{buurt.Name}", streets.Count > 0 ? $"streets:{streets.Count}" : null);
        var confirmation = ctx.T(GroupTexts.Linked, buurt.Name);
        if (streets.Count > 0) confirmation += "\n" + ctx.T(GroupTexts.LinkedStreets, string.Join(", ", streets));
        if (IsDemo(ctx))
        {
            confirmation += "\n" + ctx.T(GroupTexts.DemoLinked);
        }
        else
        {
            if (buurt.Status == BuurtStatus.Proposed) confirmation += "\n" + ctx.T(GroupTexts.ProposalPending, buurt.Name);
            var alreadyModerator = !await GrantModeratorAsync(ctx, group, ctx.Member);
            foreach (var admin in admins)
            {
                var member = await Membership.UpsertMemberAsync(ctx.Db, ctx.Message.Chat.Channel, admin, ctx.Now, CancellationToken.None);
                await GrantModeratorAsync(ctx, group, member);
            }
            if (alreadyModerator) confirmation += "\n" + ctx.T(GroupTexts.AlreadyModerator);
        }
        ctx.Reply(OutgoingMessage.Plain(confirmation));
    }

    /// <summary>The chosen buurt, an existing one of the typed name, or a new proposal of that name.</summary>
    private static async Task<Buurt> FindOrProposeBuurtAsync(TurnContext ctx)
    {
        if (ctx.Values.GetInt("buurtId") is { } id
            && await BuurtService.Choosable(ctx.Db, ctx.Message.Chat.Channel, ctx.Group?.BuurtId).FirstOrDefaultAsync(b => b.Id == id) is { } chosen)
            return chosen;
        var name = ctx.Values["buurtNaam"] ?? throw new InvalidOperationException("No buurt chosen.");
        var lower = name.ToLowerInvariant();
        // A proposal of the same name (by another group) is the same place: link to it rather than propose it twice.
        var existing = await ctx.Db.Buurten.FirstOrDefaultAsync(b => !b.IsDemo && b.Name.ToLower() == lower);
        if (existing is not null) return existing;
        var maxOrder = await ctx.Db.Buurten.Where(b => !b.IsDemo).MaxAsync(b => (int?)b.SortOrder) ?? 0;
        var proposed = new Buurt { Name = name, SortOrder = maxOrder + 1, Status = BuurtStatus.Proposed, ProposedAt = ctx.Now };
        ctx.Db.Buurten.Add(proposed);
        Audit.AuditLog.Record(ctx.Db, ctx.Now, Audit.AuditLog.Who(ctx.Member), Audit.AuditActions.BuurtProposed, $"buurt:{name}");
        return proposed;
    }

    private IReadOnlyList<Sender> GroupAdmins(TurnContext ctx)
    {
        if (ctx.Platform.GroupAdmins() is { } admins) return admins;
        // The link itself stands; the other admins become moderators when they use /koppel themselves.
        log.LogWarning("Could not list group admins on {Channel}", ctx.Message.Chat.Channel);
        return [];
    }

    /// <summary>Makes the member a moderator of the group; false when they already were (also when a concurrent grant won).</summary>
    private static Task<bool> GrantModeratorAsync(TurnContext ctx, StreetGroup group, Member member) =>
        RoleGrants.GrantAsync(ctx.Db, member, Role.Moderator, group, ctx.Now, "group-admin", Audit.AuditLog.Who(ctx.Member), "koppel",
            CancellationToken.None);
}

using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Groups;

/// <summary>/koppel: a group admin links the group to a buurt and names its streets.</summary>
public sealed class LinkGroupDialog(ILogger<LinkGroupDialog> log) : Dialog
{
    public const string DialogName = "koppel";
    private const string OtherBuurt = "buurt:other";
    private const string SkipStreets = "straten:skip";

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("buurt", AskBuurtAsync, AnswerBuurt),
        Step("andere-buurt", ctx => Task.FromResult(ctx.Text(GroupTexts.AskBuurtName, ctx.T(GroupTexts.ReplyHint(ctx.Message.Chat.Channel))) with { ExpectsTextReply = true }), AnswerBuurtName),
        Step("straten", ctx => Task.FromResult(ctx.Question(GroupTexts.AskStreets, [ctx.Choice(GroupTexts.Skip, SkipStreets)], args: [ctx.T(GroupTexts.ReplyHint(ctx.Message.Chat.Channel))])), AnswerStreets),
    ];

    public override async Task<bool> CanStartAsync(TurnContext ctx)
    {
        try
        {
            if (await ctx.Channel.IsGroupAdminAsync(ctx.Message.Chat.ChatId, ctx.Message.From.UserId, CancellationToken.None)) return true;
            ctx.Say(GroupTexts.OnlyAdmins);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Admin check failed on {Channel}", ctx.Message.Chat.Channel);
            ctx.Say(GroupTexts.AdminCheckFailed);
        }
        return false;
    }

    private static async Task<OutgoingMessage> AskBuurtAsync(TurnContext ctx)
    {
        var buurten = await ctx.Db.Buurten.OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync();
        var choices = buurten.Select(b => new Choice(b.Name, $"buurt:{b.Id}")).Append(ctx.Choice(GroupTexts.OtherBuurt, OtherBuurt));
        return ctx.Group?.Buurt is { } current
            ? ctx.Question(GroupTexts.ChooseBuurtRelink, choices, 2, current.Name)
            : ctx.Question(GroupTexts.ChooseBuurt, choices);
    }

    private static Task<StepResult> AnswerBuurt(TurnContext ctx, InboundContent answer)
    {
        if (answer is not ChoiceContent choice) return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
        if (choice.Data == OtherBuurt) return Task.FromResult(StepResult.Next);
        ctx.Values["buurtId"] = choice.Data["buurt:".Length..];
        ctx.Values["buurtNaam"] = null;
        return Task.FromResult(StepResult.GoTo("straten"));
    }

    private static Task<StepResult> AnswerBuurtName(TurnContext ctx, InboundContent answer)
    {
        var name = (answer as TextContent)?.Text.Trim() ?? "";
        if (name.Length is < 2 or > 60) return Task.FromResult(StepResult.Retry(GroupTexts.BuurtNameInvalid));
        ctx.Values["buurtNaam"] = name;
        ctx.Values["buurtId"] = null;
        return Task.FromResult(StepResult.Next);
    }

    private static Task<StepResult> AnswerStreets(TurnContext ctx, InboundContent answer)
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
                ctx.Values["straten"] = string.Join('\n', streets);
                return Task.FromResult(StepResult.Next);
            default:
                return Task.FromResult(StepResult.Retry(GroupTexts.StreetsInvalid));
        }
    }

    public override async Task CompleteAsync(TurnContext ctx)
    {
        var group = ctx.Group ?? throw new InvalidOperationException("/koppel runs in groups only.");
        var buurt = await FindOrCreateBuurtAsync(ctx);
        var streets = ctx.Values["straten"]?.Split('\n').ToList() ?? [];

        group.Buurt = buurt;
        group.Streets = streets;
        group.LinkedAt = ctx.Now;
        group.IsActive = true;
        foreach (var street in streets.Where(s => !buurt.Streets.Contains(s, StringComparer.OrdinalIgnoreCase)))
            buurt.Streets = [.. buurt.Streets, street];

        Audit.AuditLog.Record(ctx.Db, ctx.Now, Audit.AuditLog.Who(ctx.Member), Audit.AuditActions.GroupLinked,
            $"group:{(group.Id == 0 ? "new" : group.Id.ToString())} buurt:{buurt.Name}", streets.Count > 0 ? $"streets:{streets.Count}" : null);
        var alreadyModerator = !await GrantModeratorAsync(ctx, group, ctx.Member);
        foreach (var admin in await GroupAdminsAsync(ctx))
        {
            var member = await Membership.UpsertMemberAsync(ctx.Db, ctx.Message.Chat.Channel, admin, ctx.Now, CancellationToken.None);
            await GrantModeratorAsync(ctx, group, member);
        }

        var confirmation = ctx.T(GroupTexts.Linked, buurt.Name);
        if (streets.Count > 0) confirmation += "\n" + ctx.T(GroupTexts.LinkedStreets, string.Join(", ", streets));
        if (alreadyModerator) confirmation += "\n" + ctx.T(GroupTexts.AlreadyModerator);
        ctx.Reply(OutgoingMessage.Plain(confirmation));
    }

    private static async Task<Buurt> FindOrCreateBuurtAsync(TurnContext ctx)
    {
        if (ctx.Values.GetInt("buurtId") is { } id && await ctx.Db.Buurten.FindAsync(id) is { } chosen) return chosen;
        var name = ctx.Values["buurtNaam"] ?? throw new InvalidOperationException("No buurt chosen.");
        var lower = name.ToLower();
        var existing = await ctx.Db.Buurten.FirstOrDefaultAsync(b => b.Name.ToLower() == lower);
        if (existing is not null) return existing;
        var maxOrder = await ctx.Db.Buurten.MaxAsync(b => (int?)b.SortOrder) ?? 0;
        var created = new Buurt { Name = name, SortOrder = maxOrder + 1 };
        ctx.Db.Buurten.Add(created);
        return created;
    }

    private async Task<IReadOnlyList<Sender>> GroupAdminsAsync(TurnContext ctx)
    {
        try
        {
            return await ctx.Channel.GetGroupAdminsAsync(ctx.Message.Chat.ChatId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The link itself stands; the other admins become moderators when they use /koppel themselves.
            log.LogWarning(ex, "Could not list group admins on {Channel}", ctx.Message.Chat.Channel);
            return [];
        }
    }

    /// <summary>Makes the member a moderator of the group; false when they already were (also when a concurrent grant won).</summary>
    private static Task<bool> GrantModeratorAsync(TurnContext ctx, StreetGroup group, Member member) =>
        RoleGrants.GrantAsync(ctx.Db, member, Role.Moderator, group, ctx.Now, "group-admin", Audit.AuditLog.Who(ctx.Member), "koppel",
            CancellationToken.None);
}

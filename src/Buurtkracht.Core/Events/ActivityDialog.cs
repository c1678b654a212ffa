using System.Globalization;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Events;

/// <summary>/activiteit: a coördinator plans a one-off activity in a private chat, one question at a time.</summary>
public sealed class ActivityDialog(EventService events) : Dialog
{
    public const string DialogName = "activiteit";
    private const string AllGroupsChoice = "act:alle";
    private const string BuurtChoicePrefix = "act:buurt:";

    public override string Name => DialogName;

    public override async Task<bool> CanStartAsync(TurnContext ctx)
    {
        if (await ctx.HasRoleAsync(Role.Coordinator)) return true;
        ctx.Say(EventTexts.OnlyCoordinators);
        return false;
    }

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("titel", ctx => Task.FromResult(ctx.Text(EventTexts.AskTitle) with { ExpectsTextReply = true }), (ctx, answer) =>
        {
            if (answer is not TextContent { Text: var text } || text.Trim().Length is < 3 or > 100)
                return Task.FromResult(StepResult.Retry(EventTexts.TitleInvalid));
            ctx.Values["titel"] = text.Trim();
            return Task.FromResult(StepResult.Next);
        }),
        Step("soort", ctx => Task.FromResult(ctx.Question(EventTexts.AskKind,
            Enum.GetValues<EventKind>().Select(k => ctx.Choice(EventTexts.KindName(k), $"act:soort:{k}")))), (ctx, answer) =>
        {
            if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("act:soort:", StringComparison.Ordinal)
                || !Enum.TryParse<EventKind>(data["act:soort:".Length..], out var kind))
                return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
            ctx.Values["soort"] = kind.ToString();
            return Task.FromResult(StepResult.Next);
        }),
        Step("start", ctx => Task.FromResult(ctx.Text(EventTexts.AskStart, SpokenTime.ExampleDate(EventTime.ToLocal(ctx.Now))) with { ExpectsTextReply = true }), (ctx, answer) =>
        {
            if (answer is not TextContent { Text: var text } || !SpokenTime.TryParse(text, EventTime.ToLocal(ctx.Now), out var local))
                return Task.FromResult(StepResult.Retry(EventTexts.StartInvalid, SpokenTime.ExampleDate(EventTime.ToLocal(ctx.Now))));
            if (EventTime.ToInstant(local) <= ctx.Now) return Task.FromResult(StepResult.Retry(EventTexts.StartInPast));
            ctx.Values["start"] = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return Task.FromResult(StepResult.Next);
        }),
        Step("duur", ctx => Task.FromResult(ctx.Question(EventTexts.AskDuration,
            new[] { 1, 2, 3, 4 }.Select(h => new Choice(ctx.T(EventTexts.Hours, h), $"act:duur:{h}")), perRow: 4)), (ctx, answer) =>
        {
            if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("act:duur:", StringComparison.Ordinal))
                return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
            ctx.Values["duur"] = data["act:duur:".Length..];
            return Task.FromResult(StepResult.Next);
        }),
        Step("plaats", ctx => Task.FromResult(ctx.Text(EventTexts.AskLocation) with { ExpectsTextReply = true }), (ctx, answer) =>
        {
            if (answer is not TextContent { Text: var text } || text.Trim().Length is < 2 or > 200)
                return Task.FromResult(StepResult.Retry(EventTexts.LocationInvalid));
            ctx.Values["plaats"] = text.Trim();
            return Task.FromResult(StepResult.Next);
        }),
        Step("voorwie", async ctx =>
        {
            var buurten = await Groups.BuurtService.Real(ctx.Db).OrderBy(b => b.SortOrder).ToListAsync();
            var choices = new List<Choice> { ctx.Choice(EventTexts.AllGroups, AllGroupsChoice) };
            choices.AddRange(buurten.Select(b => new Choice(b.Name, BuurtChoicePrefix + b.Id)));
            return ctx.Question(EventTexts.AskAudience, choices);
        }, (ctx, answer) =>
        {
            switch (answer)
            {
                case ChoiceContent { Data: AllGroupsChoice }:
                    ctx.Values["buurt"] = null;
                    return Task.FromResult(StepResult.Next);
                case ChoiceContent { Data: var data } when data.StartsWith(BuurtChoicePrefix, StringComparison.Ordinal):
                    ctx.Values["buurt"] = data[BuurtChoicePrefix.Length..];
                    return Task.FromResult(StepResult.Next);
                default:
                    return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
            }
        }),
        Step("bevestig", async ctx =>
        {
            var start = Start(ctx);
            var end = start.AddHours(int.Parse(ctx.Values["duur"]!, CultureInfo.InvariantCulture));
            var audience = ctx.Values.GetInt("buurt") is { } buurtId
                ? (await ctx.Db.Buurten.FindAsync(buurtId))?.Name ?? "?"
                : ctx.T(EventTexts.AllGroups);
            var kind = Enum.Parse<EventKind>(ctx.Values["soort"]!);
            return ctx.Question(EventTexts.Summary, [ctx.Choice(EventTexts.Save, "act:ok"), ctx.Choice(EventTexts.Stop, "act:stop")], 2,
                ctx.Values["titel"], ctx.T(EventTexts.KindName(kind)),
                EventTime.FormatRange(EventTime.ToInstant(start), EventTime.ToInstant(end), ctx.Language), ctx.Values["plaats"], audience);
        }, (ctx, answer) =>
        {
            switch (answer)
            {
                case ChoiceContent { Data: "act:ok" }:
                    return Task.FromResult(StepResult.Next);
                case ChoiceContent { Data: "act:stop" }:
                    ctx.Say(EventTexts.NotSaved);
                    return Task.FromResult(StepResult.End);
                default:
                    return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
            }
        }),
    ];

    private static DateTime Start(TurnContext ctx) =>
        DateTime.ParseExact(ctx.Values["start"]!, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public override async Task CompleteAsync(TurnContext ctx)
    {
        var start = Start(ctx);
        var buurt = ctx.Values.GetInt("buurt");
        if (ctx.Member.Id == 0) await ctx.Db.SaveChangesAsync();
        var ev = await events.PlanAsync(ctx.Db, new EventDraft
        {
            Title = ctx.Values["titel"]!,
            Kind = Enum.Parse<EventKind>(ctx.Values["soort"]!),
            Location = ctx.Values["plaats"]!,
            Audience = buurt is null ? EventAudience.AllGroups : EventAudience.Buurten,
            AudienceIds = buurt is { } id ? [id] : [],
            Organiser = "Buurtkracht",
            OrganiserMemberId = ctx.Member.Id,
            Dates = [new OccurrenceDraft(start, start.AddHours(int.Parse(ctx.Values["duur"]!, CultureInfo.InvariantCulture)))],
        }, Audit.AuditLog.Who(ctx.Member), ctx.Now);
        // Announcements wait for the end of the quiet hours: say when, instead of promising "a few minutes".
        if (events.Quiet.Contains(ctx.Now)) ctx.Say(EventTexts.SavedQuiet, ev.Id, EventTime.Format(events.Quiet.EndAfter(ctx.Now), ctx.Language));
        else ctx.Say(EventTexts.Saved, ev.Id);
    }
}

/// <summary>"Aantal deelnemers invullen" ("aanwezig:{occurrence}"), sent privately to the organiser after the event: starts <see cref="AttendanceDialog"/>.</summary>
public sealed class AttendanceChoiceHandler : IChoiceHandler
{
    public string Prefix => EventChoices.AttendancePrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        if (!ctx.IsPrivate || !int.TryParse(payload, out _)) return;
        ctx.CommandArgument = payload;
        await ctx.StartDialogAsync(AttendanceDialog.DialogName);
    }
}

/// <summary>Asks the organiser or a coördinator for the number of participants of one occurrence.</summary>
public sealed class AttendanceDialog : Dialog
{
    public const string DialogName = "aanwezig";

    public override string Name => DialogName;

    public override async Task<bool> CanStartAsync(TurnContext ctx)
    {
        if (!int.TryParse(ctx.CommandArgument, out var id)
            || await ctx.Db.EventOccurrences.Include(o => o.Event).FirstOrDefaultAsync(o => o.Id == id) is not { } occurrence)
        {
            ctx.Say(ConversationTexts.ButtonExpired);
            return false;
        }
        if (occurrence.Event!.OrganiserMemberId != ctx.Member.Id && !await ctx.HasRoleAsync(Role.Coordinator))
        {
            ctx.Say(EventTexts.NotAllowed);
            return false;
        }
        ctx.Values["occurrence"] = id.ToString(CultureInfo.InvariantCulture);
        ctx.Values["titel"] = occurrence.Event.Title;
        ctx.Values["wanneer"] = EventTime.Format(occurrence.StartsAt, ctx.Language);
        return true;
    }

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("aantal", ctx => Task.FromResult(ctx.Text(EventTexts.AskAttendance, ctx.Values["titel"], ctx.Values["wanneer"]) with { ExpectsTextReply = true }),
            async (ctx, answer) =>
            {
                if (answer is not TextContent { Text: var text } || !int.TryParse(text.Trim(), out var count) || count is < 0 or > 10_000)
                    return StepResult.Retry(EventTexts.AttendanceInvalid);
                var occurrence = await ctx.Db.EventOccurrences.SingleAsync(o => o.Id == ctx.Values.GetInt("occurrence"));
                EventService.RecordAttendance(occurrence, count, $"member:{ctx.Member.Id}", ctx.Now);
                ctx.Say(EventTexts.AttendanceSaved, count);
                return StepResult.End;
            }),
    ];
}

using System.Globalization;
using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>Sends, invitations, reminders, the after-event send, and storing a finished response.</summary>
public sealed class QuestionnaireService(
    QuestionnaireCatalog catalog, Channels channels, IOptions<QuestionnaireOptions> options, ILogger<QuestionnaireService> log)
{
    public const string ChoicePrefix = "vl";
    public const string DeepLinkCommand = "vl";

    /// <summary>The deep-link payload ("vl-12") that opens send <paramref name="sendId"/> in the private chat.</summary>
    public static string DeepLinkPayload(string sendId) => $"{DeepLinkCommand}-{sendId}";
    private QuestionnaireOptions Options => options.Value;

    public QuestionnaireCatalog Catalog => catalog;

    public sealed record SweepResult(int Created, int Delivered, int Reminded);

    /// <summary>Plans a send of the current version of <paramref name="key"/>; the sweep delivers it at <paramref name="opensAt"/>.</summary>
    public async Task<QuestionnaireSend> CreateSendAsync(
        BuurtkrachtDb db, string key, QuestionnaireTarget target, int? targetId, DateTimeOffset opensAt, DateTimeOffset? closesAt,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var current = await catalog.CurrentVersionAsync(db, key, now, ct) ?? throw new ArgumentException($"No questionnaire '{key}'.", nameof(key));
        int? buurtId = null;
        switch (target)
        {
            case QuestionnaireTarget.Group:
                var group = await db.StreetGroups.FindAsync([targetId], ct) ?? throw new ArgumentException($"No street group {targetId}.");
                buurtId = group.BuurtId;
                break;
            case QuestionnaireTarget.Event:
                if (!await db.EventOccurrences.AnyAsync(o => o.Id == targetId, ct)) throw new ArgumentException($"No event occurrence {targetId}.");
                break;
            case QuestionnaireTarget.Moderators when targetId is not null:
                buurtId = targetId;
                break;
            case QuestionnaireTarget.BuurtOptIn:
                if (targetId is null || !await db.Buurten.AnyAsync(b => b.Id == targetId, ct)) throw new ArgumentException($"No buurt {targetId}.");
                buurtId = targetId;
                break;
        }
        var closes = closesAt ?? opensAt + Options.OpenFor;
        if (closes <= opensAt) throw new ArgumentException("The closing date must come after the opening date.");
        var reminder = opensAt + Options.ReminderAfter;
        var send = new QuestionnaireSend
        {
            VersionId = current.Version.Id, Key = key, Target = target, TargetId = targetId, BuurtId = buurtId,
            Anonymous = current.Definition.Anonymous, OpensAt = opensAt, ClosesAt = closes,
            ReminderAt = reminder < closes ? reminder : null, Status = SendStatus.Scheduled, CreatedAt = now,
        };
        db.Add(send);
        return send;
    }

    /// <summary>Creates the after-event sends, delivers sends that opened, and sends the one reminder. Saves per send.</summary>
    public async Task<SweepResult> SweepAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct = default)
    {
        var created = Options.AfterEventEnabled ? await CreateAfterEventSendsAsync(db, now, ct) : 0;
        var delivered = 0;
        var due = await db.Set<QuestionnaireSend>().Where(s => s.Status == SendStatus.Scheduled && s.OpensAt <= now).OrderBy(s => s.OpensAt).ToListAsync(ct);
        foreach (var send in due)
        {
            if (send.ClosesAt > now) await DeliverAsync(db, send, now, ct);
            send.Status = SendStatus.Sent;
            send.SentAt = now;
            await db.SaveChangesAsync(ct);
            delivered++;
        }

        var reminded = 0;
        var reminders = await db.Set<QuestionnaireSend>()
            .Where(s => s.Status == SendStatus.Sent && s.ReminderSentAt == null && s.ReminderAt != null && s.ReminderAt <= now)
            .ToListAsync(ct);
        foreach (var send in reminders)
        {
            if (send.ClosesAt > now)
            {
                var definition = await catalog.DefinitionAsync(db, send.VersionId, ct);
                var open = await (from p in db.Set<QuestionnaireParticipation>()
                                  join m in db.Members on p.MemberId equals m.Id
                                  where p.SendId == send.Id && p.Status != ParticipationStatus.Completed
                                  select new { p, m }).ToListAsync(ct);
                foreach (var x in open)
                {
                    if (!CanReachPrivately(x.m)) continue;
                    var lang = x.m.Language;
                    Outbox.Enqueue(db, new ChatAddress(x.m.Channel, x.m.PrivateChatId!), ChatKind.Private, new OutgoingMessage
                    {
                        Text = QuestionnaireTexts.Reminder.In(lang, definition.Title.In(lang), EventTime.Format(send.ClosesAt, lang)),
                        Choices = [[new Choice(QuestionnaireTexts.Start.In(lang), $"{ChoicePrefix}:{send.Id}")]],
                    }, now);
                    x.p.RemindedAt = now;
                    reminded++;
                }
            }
            send.ReminderSentAt = now;
            await db.SaveChangesAsync(ct);
        }
        if (created + delivered + reminded > 0)
            log.LogInformation("Questionnaires: {Created} after-event sends planned, {Delivered} sends delivered, {Reminded} reminders", created, delivered, reminded);
        return new SweepResult(created, delivered, reminded);
    }

    /// <summary>The next instant the sweep has work, for tests and the job.</summary>
    public static DateTimeOffset AfterEventOpening(DateTimeOffset endsAt, int days, TimeOnly time) =>
        EventTime.ToInstant(EventTime.ToLocal(endsAt).Date.AddDays(days) + time.ToTimeSpan());

    private async Task<int> CreateAfterEventSendsAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct)
    {
        // Only recently ended occurrences: an upgrade must not send feedback about last year's events.
        var since = now - TimeSpan.FromDays(7 + Options.AfterEventDays);
        var ended = await db.EventOccurrences
            .Where(o => !o.IsCancelled && o.EndsAt <= now && o.EndsAt > since)
            .Where(o => db.EventRsvps.Any(r => r.OccurrenceId == o.Id && r.Answer == RsvpAnswer.Coming))
            .Where(o => !db.Set<QuestionnaireSend>().Any(s => s.Target == QuestionnaireTarget.Event && s.TargetId == o.Id))
            .Select(o => new { o.Id, o.EndsAt }).ToListAsync(ct);
        foreach (var o in ended)
        {
            var opens = AfterEventOpening(o.EndsAt, Options.AfterEventDays, Options.AfterEventTime);
            await CreateSendAsync(db, Options.AfterEventQuestionnaire, QuestionnaireTarget.Event, o.Id, opens, null, now, ct);
        }
        if (ended.Count > 0) await db.SaveChangesAsync(ct);
        return ended.Count;
    }

    private async Task DeliverAsync(BuurtkrachtDb db, QuestionnaireSend send, DateTimeOffset now, CancellationToken ct)
    {
        var definition = await catalog.DefinitionAsync(db, send.VersionId, ct);
        switch (send.Target)
        {
            case QuestionnaireTarget.Group:
                var group = await db.StreetGroups.FindAsync([send.TargetId], ct);
                if (group is null || !group.IsActive) return;
                var link = channels.TryGet(group.Channel, out var channel) ? channel.PrivateChatLink(DeepLinkPayload(send.Id.ToString())) : "";
                // Group texts are Dutch: the group shares one language.
                Outbox.Enqueue(db, group.Address, ChatKind.Group, new OutgoingMessage
                {
                    Text = QuestionnaireTexts.GroupInvite.In(Languages.Dutch, definition.Title.Nl, definition.Intro.Nl, link),
                    // One tap from the group to the first question, where the platform has deep links.
                    Choices = [[new Choice(QuestionnaireTexts.Start.Nl, $"{ChoicePrefix}:{send.Id}") { StartsPrivately = DeepLinkPayload(send.Id.ToString()) }]],
                }, now);
                return;
            case QuestionnaireTarget.Event:
                var coming = await (from r in db.EventRsvps
                                    join m in db.Members on r.MemberId equals m.Id
                                    where r.OccurrenceId == send.TargetId && r.Answer == RsvpAnswer.Coming
                                    select m).ToListAsync(ct);
                foreach (var member in coming) Invite(db, send, definition, member, now);
                return;
            case QuestionnaireTarget.Moderators:
                var moderators = await db.Members
                    .Where(m => db.RoleAssignments.Any(r => r.MemberId == m.Id && r.Role == Role.Moderator
                        && (send.TargetId == null || db.StreetGroups.Any(g => g.Id == r.GroupId && g.BuurtId == send.TargetId))))
                    .ToListAsync(ct);
                foreach (var member in moderators) Invite(db, send, definition, member, now);
                return;
            case QuestionnaireTarget.BuurtOptIn:
                // Only who can be reached: an opt-in is a wish to get it privately, and there is no group to fall back on.
                foreach (var member in await QuestionnaireOptIns.ReachableMembersAsync(db, send.TargetId!.Value, ct)) Invite(db, send, definition, member, now);
                return;
        }
    }

    private static void Invite(BuurtkrachtDb db, QuestionnaireSend send, QuestionnaireDefinition definition, Member member, DateTimeOffset now)
    {
        db.Add(new QuestionnaireParticipation { SendId = send.Id, MemberId = member.Id, Status = ParticipationStatus.Invited, InvitedAt = now });
        if (!CanReachPrivately(member)) return;
        var lang = member.Language;
        Outbox.Enqueue(db, new ChatAddress(member.Channel, member.PrivateChatId!), ChatKind.Private, new OutgoingMessage
        {
            Text = QuestionnaireTexts.PrivateInvite.In(lang, definition.Title.In(lang), definition.Intro.In(lang), EventTime.Format(send.ClosesAt, lang)),
            Choices = [[new Choice(QuestionnaireTexts.Start.In(lang), $"{ChoicePrefix}:{send.Id}")]],
        }, now);
    }

    private static bool CanReachPrivately(Member m) => m.PrivateChatId is not null && !m.PrivateChatUnreachable;

    /// <summary>
    /// Checks that the person may answer send <paramref name="sendId"/> now and returns their participation row
    /// (created for group sends); says why not and returns null otherwise.
    /// </summary>
    internal async Task<QuestionnaireParticipation?> OpenAsync(TurnContext ctx, int sendId)
    {
        var send = await ctx.Db.Set<QuestionnaireSend>().FindAsync(sendId);
        if (send is null) { ctx.Say(QuestionnaireTexts.NotFound); return null; }
        if (send.Status != SendStatus.Sent || ctx.Now < send.OpensAt) { ctx.Say(QuestionnaireTexts.NotOpenYet); return null; }
        if (ctx.Now >= send.ClosesAt) { ctx.Say(QuestionnaireTexts.Closed); return null; }
        var member = ctx.Member;
        if (member.Id == 0) await ctx.Db.SaveChangesAsync();
        var participation = member.Id == 0 ? null : await ctx.Db.Set<QuestionnaireParticipation>()
            .SingleOrDefaultAsync(p => p.SendId == sendId && p.MemberId == member.Id);
        if (participation?.Status == ParticipationStatus.Completed) { ctx.Say(QuestionnaireTexts.AlreadyDone); return null; }
        if (participation is null)
        {
            if (send.Target != QuestionnaireTarget.Group) { ctx.Say(QuestionnaireTexts.NotForYou); return null; }
            if (!await IsGroupMemberAsync(ctx, send.TargetId)) { ctx.Say(QuestionnaireTexts.OnlyGroupMembers); return null; }
            participation = new QuestionnaireParticipation { SendId = sendId, MemberId = member.Id, Status = ParticipationStatus.Started };
            ctx.Db.Add(participation);
            // The dialog keeps the participation id: the row needs its key now.
            await ctx.Db.SaveChangesAsync();
        }
        participation.Status = ParticipationStatus.Started;
        return participation;
    }

    /// <summary>
    /// Whether the person is in the group the send went to, as its platform says now (Telegram getChatMember, the Teams
    /// roster; fetched before the turn ran). When the platform cannot tell, a membership the bot saw itself counts.
    /// </summary>
    private static async Task<bool> IsGroupMemberAsync(TurnContext ctx, int? groupId)
    {
        var group = await ctx.Db.StreetGroups.FindAsync(groupId);
        if (group is null) return false;
        return ctx.Platform.IsMemberOf(group.Address)
            ?? await ctx.Db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.MemberId == ctx.Member.Id && m.LeftAt == null);
    }

    /// <summary>The open participation to continue with /vragenlijst: the one most recently worked on.</summary>
    internal static async Task<int?> WaitingSendAsync(TurnContext ctx) =>
        await (from p in ctx.Db.Set<QuestionnaireParticipation>()
               join s in ctx.Db.Set<QuestionnaireSend>() on p.SendId equals s.Id
               where p.MemberId == ctx.Member.Id && p.Status != ParticipationStatus.Completed
                     && s.Status == SendStatus.Sent && s.ClosesAt > ctx.Now
               orderby p.Status == ParticipationStatus.Started descending, p.Id descending
               select (int?)s.Id).FirstOrDefaultAsync();

    /// <summary>
    /// Stores the finished answers as a response. Anonymous: the response gets a random id, no member and only the
    /// local date, and the participation keeps only "completed" (no time, no draft), so nothing joins the two.
    /// </summary>
    internal static async Task CompleteAsync(BuurtkrachtDb db, QuestionnaireParticipation participation, QuestionnaireDefinition definition,
        IReadOnlyDictionary<string, string> answers, DateTimeOffset now)
    {
        var send = await db.Set<QuestionnaireSend>().SingleAsync(s => s.Id == participation.SendId);
        int? groupId = send.Target == QuestionnaireTarget.Group ? send.TargetId : null;
        var response = new QuestionnaireResponse
        {
            Id = Guid.NewGuid().ToString("N"),
            SendId = send.Id,
            VersionId = send.VersionId,
            Key = send.Key,
            MemberId = send.Anonymous ? null : participation.MemberId,
            EventOccurrenceId = send.Target == QuestionnaireTarget.Event ? send.TargetId : null,
            BuurtId = send.BuurtId,
            GroupId = groupId,
            SubmittedOn = DateOnly.FromDateTime(EventTime.ToLocal(now)),
        };
        db.Add(response);
        var (path, _) = definition.Walk(answers);
        foreach (var index in path)
        {
            var q = definition.Questions[index];
            var value = answers[q.Id];
            if (q.Flag is { } flag && string.Equals(flag, value, StringComparison.OrdinalIgnoreCase)) response.Flagged = true;
            db.Add(new QuestionnaireAnswer
            {
                ResponseId = response.Id,
                QuestionId = q.Id,
                Value = value.Length == 0 ? null : value,
                Number = q.Kind is QuestionKind.Scale or QuestionKind.Number && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null,
            });
        }
        participation.Status = ParticipationStatus.Completed;
        participation.DraftJson = null;
        participation.CompletedAt = send.Anonymous ? null : now;
    }

    internal static Dictionary<string, string> Draft(QuestionnaireParticipation p) =>
        p.DraftJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(p.DraftJson) ?? [];
}

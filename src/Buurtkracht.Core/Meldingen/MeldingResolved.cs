using System.Globalization;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Meldingen;

/// <summary>What a resident answered to "Is het opgelost?".</summary>
public enum ResolvedAnswer
{
    Ja,
    EenBeetje,
    Nee,
}

/// <summary>
/// "Is het opgelost?" asked of one resident (the reporter or a follower) about one afgehandelde melding, and the answer.
/// The digest and the dashboard count the share of "Ja"; "Nee" reopens the melding as a new one.
/// </summary>
public sealed class MeldingFeedback
{
    public int Id { get; set; }
    public int MeldingId { get; set; }
    public Melding? Melding { get; set; }
    public int? MemberId { get; set; }
    public ChannelKind Channel { get; set; }
    public string ChatId { get; set; } = "";
    public DateTimeOffset AskedAt { get; set; }

    /// <summary>After this the buttons only say that the question is closed.</summary>
    public DateTimeOffset ClosesAt { get; set; }

    public ResolvedAnswer? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>
/// A day (Meldingen:Resolved:AskAfter) after a melding is afgehandeld, asks its reporter and followers "Is het
/// opgelost?" with Ja / Een beetje / Nee, once per melding. Meldingen closed longer ago than the question stays open are
/// left alone, so switching the feature on does not ask about last year.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MeldingResolvedJob(
    BuurtkrachtDb db, TimeProvider clock, OutboxSignal outboxSignal, IOptions<MeldingenOptions> options, ILogger<MeldingResolvedJob> log) : IJob
{
    public static readonly JobKey Key = new("melding-resolved", "meldingen");
    public const string ChoicePrefix = "opgelost";
    private const int BatchSize = 100;

    public static void Configure(IQuartzBuilder quartz) =>
        quartz.ScheduleJob<MeldingResolvedJob>(
            trigger => trigger.WithIdentity("melding-resolved-every-15-minutes", "meldingen")
                .WithCronSchedule("0 0/15 * * * ?", cron => cron.InTimeZone(Amsterdam.TimeZone)),
            job => job.WithIdentity(Key));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    /// <summary>Asks about every melding that is due; returns how many questions were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value.Resolved;
        var (askBefore, tooOld) = (now - o.AskAfter, now - o.AskAfter - o.OpenFor);
        // UpdatedAt is never earlier than the closing, so it bounds the candidates in SQL; the closing itself comes from the history.
        var candidates = await db.Meldingen.Include(m => m.StatusChanges)
            .Where(m => m.Status == MeldingStatus.Afgehandeld && m.UpdatedAt >= tooOld && !db.MeldingFeedback.Any(f => f.MeldingId == m.Id))
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var asked = 0;
        foreach (var melding in candidates)
        {
            var closedAt = melding.StatusChanges.Where(c => c.Status == MeldingStatus.Afgehandeld).Select(c => (DateTimeOffset?)c.At).Max() ?? melding.UpdatedAt;
            if (closedAt > askBefore || closedAt < tooOld) continue;
            var followers = await db.MeldingFollowers.Where(f => f.MeldingId == melding.Id).ToListAsync(ct);
            var recipients = followers.Select(f => (f.Chat, f.Language, (int?)f.MemberId, Follower: true)).ToList();
            // A reporter who was forgotten (/vergeetmij) left no chat to ask.
            if (melding.ChatId.Length > 0) recipients.Insert(0, (melding.Chat, melding.Language, melding.MemberId, Follower: false));
            foreach (var (chat, language, memberId, follower) in recipients)
            {
                db.MeldingFeedback.Add(new MeldingFeedback
                {
                    MeldingId = melding.Id, MemberId = memberId, Channel = chat.Channel, ChatId = chat.ChatId, AskedAt = now, ClosesAt = now + o.OpenFor,
                });
                Outbox.Enqueue(db, chat, ChatKind.Private, Question(melding, language, follower), now);
                asked++;
            }
        }
        await db.SaveChangesAsync(ct);
        if (asked > 0)
        {
            outboxSignal.Notify();
            log.LogInformation("Asked 'is het opgelost?' {Count} times", asked);
        }
        return asked;
    }

    private static OutgoingMessage Question(Melding melding, string language, bool follower)
    {
        var text = (follower ? MeldingTexts.ResolvedQuestionFollower : MeldingTexts.ResolvedQuestion)
            .In(language, melding.Reference, melding.CategoryName.ToLowerInvariant());
        var id = melding.Id.ToString(CultureInfo.InvariantCulture);
        return new OutgoingMessage
        {
            Text = text,
            Choices =
            [[
                new Choice(MeldingTexts.ResolvedYes.In(language), $"{ChoicePrefix}:{id}:ja"),
                new Choice(MeldingTexts.ResolvedPartly.In(language), $"{ChoicePrefix}:{id}:beetje"),
                new Choice(MeldingTexts.ResolvedNo.In(language), $"{ChoicePrefix}:{id}:nee"),
            ]],
        };
    }
}

/// <summary>The Ja / Een beetje / Nee buttons under "Is het opgelost?"; "Nee" goes on in <see cref="ReopenDialog"/>.</summary>
internal sealed class ResolvedChoiceHandler : IChoiceHandler
{
    public string Prefix => MeldingResolvedJob.ChoicePrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        var parts = payload.Split(':');
        ResolvedAnswer? answer = parts.Length == 2 ? parts[1] switch
        {
            "ja" => ResolvedAnswer.Ja,
            "beetje" => ResolvedAnswer.EenBeetje,
            "nee" => ResolvedAnswer.Nee,
            _ => null,
        } : null;
        var chat = ctx.Message.Chat;
        var feedback = answer is null || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var meldingId) ? null
            : await ctx.Db.MeldingFeedback.FirstOrDefaultAsync(f => f.MeldingId == meldingId && f.Channel == chat.Channel && f.ChatId == chat.ChatId);
        if (feedback is null)
        {
            ctx.Say(ConversationTexts.ButtonExpired);
            return;
        }
        if (feedback.Answer is not null)
        {
            ctx.Say(MeldingTexts.ResolvedAlreadyAnswered);
            return;
        }
        if (ctx.Now > feedback.ClosesAt)
        {
            ctx.Say(MeldingTexts.ResolvedClosed);
            return;
        }
        feedback.Answer = answer;
        feedback.AnsweredAt = ctx.Now;
        switch (answer)
        {
            case ResolvedAnswer.Ja:
                ctx.Say(MeldingTexts.ResolvedThanksYes);
                break;
            case ResolvedAnswer.EenBeetje:
                ctx.Say(MeldingTexts.ResolvedThanksPartly);
                break;
            default:
                ctx.CommandArgument = feedback.MeldingId.ToString(CultureInfo.InvariantCulture);
                await ctx.StartDialogAsync(ReopenDialog.DialogName);
                break;
        }
    }
}

/// <summary>After "Nee": one short question why, then a new melding linked to the old one ("heropend").</summary>
public sealed class ReopenDialog(MeldingSubmitter submitter) : Dialog
{
    public const string DialogName = "heropenen";
    public const int MinReason = 3;
    public const int MaxReason = 500;
    private const string OldKey = "oud";
    private const string ReasonKey = "waarom";

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps =>
    [
        Step("waarom", ctx => Task.FromResult(ctx.Text(MeldingTexts.ReopenAskWhy) with { ExpectsTextReply = true }), AnswerWhy),
    ];

    public override Task<bool> CanStartAsync(TurnContext ctx)
    {
        ctx.Values[OldKey] = ctx.CommandArgument;
        return Task.FromResult(true);
    }

    private static Task<StepResult> AnswerWhy(TurnContext ctx, InboundContent answer)
    {
        var reason = (answer as TextContent)?.Text.Trim() ?? "";
        if (reason.Length < MinReason) return Task.FromResult(StepResult.Retry(MeldingTexts.ReopenWhyExpected));
        if (reason.Length > MaxReason) return Task.FromResult(StepResult.Retry(MeldingTexts.ReopenWhyTooLong, reason.Length));
        ctx.Values[ReasonKey] = reason;
        return Task.FromResult(StepResult.Next);
    }

    public override Task CompleteAsync(TurnContext ctx) =>
        submitter.ReopenAsync(ctx, ctx.Values.GetInt(OldKey) ?? throw new InvalidOperationException("No melding to reopen."), ctx.Values[ReasonKey]!);
}

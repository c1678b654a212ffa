using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Digests;

/// <summary>Builds the digest of a period and delivers it privately to every coördinator, with the CSV; once per period.</summary>
public sealed class DigestService(
    DigestBuilder builder, IOptions<DigestOptions> options, MeldingPhotoStore dataFolder, IOptions<Beheer.BeheerOptions> beheer, Groups.BuurtService buurten)
{
    /// <summary>The dashboard's overview, for the link under the digest; null without Beheer:PublicBaseUrl (no address to give).</summary>
    public string? DashboardUrl => string.IsNullOrWhiteSpace(beheer.Value.PublicBaseUrl) ? null : beheer.Value.PublicBaseUrl.TrimEnd('/') + "/beheer";

    public const string SentAction = "digest-sent";

    public string Folder => string.IsNullOrWhiteSpace(options.Value.Folder)
        ? Path.Combine(Path.GetDirectoryName(dataFolder.Root)!, "digests")
        : Path.GetFullPath(options.Value.Folder);

    public Task<Digest> BuildAsync(BuurtkrachtDb db, DigestPeriod period, string? buurt = null, CancellationToken ct = default) =>
        builder.BuildAsync(db, period, buurt, options.Value.OpenTooLongDays, ct);

    /// <summary>The digests of several periods at once (the dashboard's months), with the same figures as the chat digest and, per group, the meldingen in its streets.</summary>
    public Task<IReadOnlyList<Digest>> BuildManyAsync(BuurtkrachtDb db, IReadOnlyList<DigestPeriod> periods, CancellationToken ct = default) =>
        builder.BuildManyAsync(db, periods, null, options.Value.OpenTooLongDays, ct, groupMeldingen: true);

    /// <summary>
    /// <see cref="BuildManyAsync(BuurtkrachtDb, IReadOnlyList{DigestPeriod}, CancellationToken)"/> for what the overview shows (<paramref name="view"/>): the same figures where it shows
    /// them, and the rest left out, so that 14 months of the whole village stay quick.
    /// </summary>
    /// <param name="second">Another context, on which the message counts are read meanwhile (see <see cref="DigestBuilder.BuildManyAsync"/>).</param>
    public Task<IReadOnlyList<Digest>> BuildManyAsync(BuurtkrachtDb db, IReadOnlyList<DigestPeriod> periods, DigestView view, CancellationToken ct = default,
        BuurtkrachtDb? second = null) =>
        builder.BuildManyAsync(db, periods, null, options.Value.OpenTooLongDays, ct, groupMeldingen: true, view, second);

    /// <summary>Sends the digest of <paramref name="period"/> unless it was sent before; returns the number of coördinatoren reached.</summary>
    public async Task<int?> SendAsync(BuurtkrachtDb db, DigestPeriod period, DateTimeOffset now, CancellationToken ct = default)
    {
        var subject = $"digest:{period.Label}";
        if (await db.Set<AuditEntry>().AnyAsync(a => a.Action == SentAction && a.Subject == subject, ct)) return null;
        var digest = await BuildAsync(db, period, null, ct);
        Directory.CreateDirectory(Folder);
        var csvPath = Path.Combine(Folder, $"buurtkracht-{period.Label}.csv");
        await File.WriteAllTextAsync(csvPath, DigestBuilder.Csv(digest), ct);
        // One picture per buurt in each language a coördinator reads: the labels follow the reader, as the text does.
        var charts = new Dictionary<(string Buurt, string Language), string>();
        async Task<string?> ChartAsync(string buurt, string language)
        {
            if (charts.TryGetValue((buurt, language), out var known)) return known;
            var index = digest.Sections.Where(s => s.GroupId is null).Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Buurt == buurt);
            if (digest.IsEmpty || index.s is null) return null;
            var path = Path.Combine(Folder, $"buurtkracht-{period.Label}-{index.i + 1:D2}{(language == Languages.Dutch ? "" : "-" + language)}.png");
            await File.WriteAllBytesAsync(path, DigestChart.Png(digest, index.s, language), ct);
            return charts[(buurt, language)] = path;
        }

        var coordinators = await db.RoleAssignments.Where(r => r.Role == Role.Coordinator).Select(r => r.MemberId).Distinct()
            .Join(db.Members, id => id, m => m.Id, (id, m) => m)
            .Where(m => m.PrivateChatId != null && !m.PrivateChatUnreachable && m.Channel != ChannelKind.WebChat).OrderBy(m => m.Id).ToListAsync(ct);
        var proposals = await buurten.ListAsync(db, proposedOnly: true, ct);
        foreach (var coordinator in coordinators)
        {
            var chat = new ChatAddress(coordinator.Channel, coordinator.PrivateChatId!);
            var parts = DigestBuilder.Render(digest, coordinator.Language, DashboardUrl);
            var sectionBuurten = digest.Sections.Select(s => s.Buurt).Distinct().ToList();
            for (var i = 0; i < parts.Count; i++)
            {
                Outbox.Enqueue(db, chat, ChatKind.Private, OutgoingMessage.Plain(parts[i]), now);
                // The picture right after its buurt's text (parts are one per buurt when there are figures).
                if (i < sectionBuurten.Count && await ChartAsync(sectionBuurten[i], coordinator.Language) is { } chart)
                    Outbox.Enqueue(db, chat, ChatKind.Private, new OutgoingMessage
                    {
                        Text = DigestChart.Caption.In(coordinator.Language, sectionBuurten[i], period.Label, period.Previous.Label), PhotoPath = chart,
                    }, now);
            }
            if (proposals.Count > 0)
                Outbox.Enqueue(db, chat, ChatKind.Private, OutgoingMessage.Plain(DigestTexts.Proposals(proposals, coordinator.Language)), now);
            Outbox.Enqueue(db, chat, ChatKind.Private, new OutgoingMessage
            {
                Text = DigestTexts.CsvCaption.In(coordinator.Language, period.Label),
                DocumentPath = csvPath,
            }, now);
        }
        AuditLog.Record(db, now, "digest-job", SentAction, subject, $"coordinators:{coordinators.Count}");
        await db.SaveChangesAsync(ct);
        return coordinators.Count;
    }
}

internal static class DigestTexts
{
    public static readonly TextKey CsvCaption = new("Digests.CsvCaption");

    private static readonly TextKey ProposalsIntro = new("Digests.ProposalsIntro");

    private static readonly TextKey ProposalLine = new("Digests.ProposalLine");

    /// <summary>The open buurt proposals, one line each, for the coördinatoren to decide on.</summary>
    public static string Proposals(IReadOnlyList<Groups.BuurtListing> proposals, string language) =>
        string.Join('\n', proposals.Select(p => ProposalLine.In(language, p.Id, p.Name, p.Groups)).Prepend(ProposalsIntro.In(language)));
}

/// <summary>The digest at the start of every period (cron in Europe/Amsterdam); sends the period that just ended.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(
    BuurtkrachtDb db, DigestService digests, TimeProvider clock, OutboxSignal signal, ServiceReadiness readiness,
    IOptions<DigestOptions> options, ILogger<DigestJob> log) : IJob
{
    public static readonly JobKey Key = new("digest", "digests");
    public static readonly TriggerKey TriggerKey = new("digest-schedule", "digests");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        var period = DigestPeriod.EndedBefore(options.Value.Period, clock.GetUtcNow());
        var reached = await digests.SendAsync(db, period, clock.GetUtcNow(), ct);
        if (reached is { } count)
        {
            signal.Notify();
            log.LogInformation("Digest {Period} sent to {Count} coordinators", period.Label, count);
        }
    }

    /// <summary>Monthly: the 1st at the send time; weekly: Monday at the send time.</summary>
    public static string Cron(DigestOptions options) => options.Period == DigestPeriodKind.Week
        ? $"0 {options.SendTime.Minute} {options.SendTime.Hour} ? * MON"
        : $"0 {options.SendTime.Minute} {options.SendTime.Hour} 1 * ?";

    public static void Configure(IQuartzBuilder quartz)
    {
        quartz.AddJob<DigestJob>(job => job.WithIdentity(Key).StoreDurably());
        quartz.AddTrigger((services, trigger) =>
        {
            var options = services.GetRequiredService<IOptions<DigestOptions>>().Value;
            trigger.WithIdentity(TriggerKey).ForJob(Key)
                .WithCronSchedule(Cron(options), cron => cron.InTimeZone(Amsterdam.TimeZone));
        });
    }
}

public static class DigestServices
{
    public static IServiceCollection AddDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DigestOptions>(configuration.GetSection("Digests"));
        services.AddSingleton<DigestBuilder>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<SuccessFactors>();
        services.Configure<CheckinOptions>(configuration.GetSection("Checkins"));
        services.AddSingleton<CheckinService>();
        return services;
    }
}

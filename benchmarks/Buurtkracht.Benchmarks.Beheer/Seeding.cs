using System.Globalization;
using Buurtkracht.Core;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Benchmarks.Beheer;

/// <summary>What was seeded, with the ids the detail pages and filters of the benchmark use.</summary>
public sealed record Seeded(
    int Meldingen, int Activities, int Answers, int Groups, int Members, int Rsvps, int AuditEntries,
    int MeldingId, int EventId, int OccurrenceId, int GroupId, int BuurtId, int CategoryId, int SendId, int BroadcastId, long ModeratorUserId);

/// <summary>
/// Two years of a busy Alblasserdam written straight into the running service's SQLite file through the Core DbContext
/// (WAL: the service keeps running meanwhile): street groups in every buurt with their members and daily message counts,
/// 10,000 meldingen with their status history and forwards, 500 activities with RSVPs and attendance, questionnaire
/// responses with 50,000 answers (the buurtpeiling and the moderators' check-ins), the audit trail and one broadcast.
/// Numbers grow over the months, as a programme that takes off. A fixed random seed makes every run the same data.
/// </summary>
public static class Seeding
{
    public const long Coordinator = 301;
    public const int GroupCount = 60;
    public const int MemberCount = 3_000;
    public const int MeldingCount = 10_000;
    public const int ActivityCount = 500;
    public const int AnswerCount = 50_000;

    private static readonly string[] Prefixes = ["Kerk", "Molen", "Dijk", "Linden", "Eiken", "Haven", "Polder", "Beuken", "Wilgen", "Rozen"];

    public static async Task<Seeded> SeedAsync(string databasePath)
    {
        await using var provider = Services(databasePath);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        var start = now.AddMonths(-24);
        // Later months are busier: the chance of a moment lands with density growing linearly from 1 to 3.
        DateTimeOffset Moment(DateTimeOffset from, DateTimeOffset to)
        {
            var u = random.NextDouble();
            var f = (-1 + Math.Sqrt(1 + 8 * u)) / 2; // the inverse of the cdf (x + x²) / 2 of that density
            return from + (to - from) * Math.Clamp(f, 0, 1);
        }

        // Buurten with their streets; every group covers one or two of its buurt's streets.
        var buurten = await db.Buurten.Where(b => !b.IsDemo).OrderBy(b => b.SortOrder).ToListAsync();
        var streets = new Dictionary<int, List<string>>();
        foreach (var (buurt, i) in buurten.Select((b, i) => (b, i)))
        {
            buurt.Streets = Enumerable.Range(0, 8).Select(s => $"{Prefixes[s % Prefixes.Length]}{new[] { "straat", "laan", "weg", "plein", "hof", "kade", "singel" }[i]}").ToList();
            streets[buurt.Id] = buurt.Streets;
            db.Update(buurt);
        }
        var allStreets = streets.Values.SelectMany(s => s).ToList();

        var groups = new List<StreetGroup>();
        for (var g = 0; g < GroupCount; g++)
        {
            var buurt = buurten[g % buurten.Count];
            var own = streets[buurt.Id];
            var created = start.AddDays(random.Next(0, 120));
            groups.Add(new StreetGroup
            {
                Channel = ChannelKind.Telegram, ChatId = (-1_002_000_000_000L - g).ToString(CultureInfo.InvariantCulture),
                Title = $"Straatapp {own[g / buurten.Count % own.Count]}" + (g >= buurten.Count * own.Count ? " 2" : ""),
                BuurtId = buurt.Id, Streets = [own[g / buurten.Count % own.Count]], CreatedAt = created, LinkedAt = created,
                IsActive = g != GroupCount - 1, DeactivatedAt = g == GroupCount - 1 ? now.AddMonths(-2) : null,
            });
        }
        db.StreetGroups.AddRange(groups);
        await db.SaveChangesAsync();

        // Members, each in one group; one in ten left again. The first member of every group moderates it.
        var members = new List<Member>();
        for (var m = 0; m < MemberCount; m++)
            members.Add(new Member
            {
                Channel = ChannelKind.Telegram, ChannelUserId = (100_000 + m).ToString(CultureInfo.InvariantCulture),
                DisplayName = $"Bewoner {m}", PrivateChatId = (100_000 + m).ToString(CultureInfo.InvariantCulture), CreatedAt = start,
            });
        var coordinator = new Member
        {
            Channel = ChannelKind.Telegram, ChannelUserId = Coordinator.ToString(CultureInfo.InvariantCulture), DisplayName = "Carla",
            PrivateChatId = Coordinator.ToString(CultureInfo.InvariantCulture), CreatedAt = start,
        };
        coordinator.Roles.Add(new RoleAssignment { Role = Role.Coordinator, GrantedAt = start, GrantedBy = "cli" });
        db.Members.AddRange(members);
        db.Members.Add(coordinator);
        await db.SaveChangesAsync();
        for (var m = 0; m < MemberCount; m++)
        {
            var group = groups[m % GroupCount];
            var joined = Moment(group.CreatedAt, now);
            db.GroupMemberships.Add(new GroupMembership
            {
                GroupId = group.Id, MemberId = members[m].Id, JoinedAt = joined,
                LeftAt = random.Next(10) == 0 ? joined + (now - joined) * random.NextDouble() : null,
            });
            if (m < GroupCount)
                db.RoleAssignments.Add(new RoleAssignment { MemberId = members[m].Id, Role = Role.Moderator, GroupId = group.Id, GrantedAt = group.CreatedAt, GrantedBy = "cli" });
        }
        for (var day = DateOnly.FromDateTime(start.UtcDateTime); day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
            foreach (var group in groups)
                if (random.Next(3) > 0)
                    db.Set<GroupMessageCount>().Add(new GroupMessageCount { GroupId = group.Id, Day = day, Messages = random.Next(1, 25) });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var meldingId = await SeedMeldingenAsync(db, random, allStreets, members, start, now, Moment);
        var (eventId, occurrenceId, rsvps) = await SeedActivitiesAsync(db, random, groups, buurten, members, start, now, Moment);
        var sendId = await SeedQuestionnairesAsync(db, scope.ServiceProvider.GetRequiredService<QuestionnaireCatalog>(), random, groups, members, start, now, Moment);

        // The audit trail: what coördinatoren and moderators did over the two years.
        string[] actions = [AuditActions.RoleGranted, AuditActions.GroupLinked, AuditActions.BroadcastSent, AuditActions.EventPlanned,
            AuditActions.MeldingStatusChanged, AuditActions.BeheerLinkIssued, AuditActions.AttendanceRecorded];
        const int auditEntries = 5_000;
        for (var a = 0; a < auditEntries; a++)
            db.Set<AuditEntry>().Add(new AuditEntry
            {
                At = Moment(start, now), Actor = a % 3 == 0 ? "cli" : $"beheer:telegram:{Coordinator}", Action = actions[a % actions.Length],
                Subject = $"melding:{a}",
            });
        var broadcast = new Core.Broadcasts.Broadcast
        {
            AudienceKind = BroadcastAudienceKind.AllGroups, Text = "De buurtschoonmaak is zaterdag om 10:00 bij de Havenkerk.", SentBy = $"telegram:{Coordinator}",
            SenderMemberId = coordinator.Id, Status = BroadcastStatus.Done, CreatedAt = now.AddDays(-3), SendAt = now.AddDays(-3), StartedAt = now.AddDays(-3),
            CompletedAt = now.AddDays(-3).AddMinutes(1), Targets = GroupCount - 1, Delivered = GroupCount - 1,
        };
        db.Add(broadcast);
        await db.SaveChangesAsync();

        var staats = buurten.Single(b => b.Name == "Staatsliedenbuurt");
        var category = await db.MeldingCategories.Where(c => c.Code == "afval").Select(c => c.Id).SingleAsync();
        var moderatorUserId = long.Parse(members[0].ChannelUserId, CultureInfo.InvariantCulture);
        SqliteConnection.ClearAllPools();
        return new Seeded(MeldingCount, ActivityCount, AnswerCount, GroupCount, MemberCount, rsvps, auditEntries,
            meldingId, eventId, occurrenceId, groups[0].Id, staats.Id, category, sendId, broadcast.Id, moderatorUserId);
    }

    private static async Task<int> SeedMeldingenAsync(BuurtkrachtDb db, Random random, List<string> streets, List<Member> members,
        DateTimeOffset start, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset, DateTimeOffset> moment)
    {
        var categories = await db.MeldingCategories.AsNoTracking().ToListAsync();
        var times = Enumerable.Range(0, MeldingCount).Select(_ => moment(start, now)).Order().ToList();
        var sequences = new Dictionary<int, int>();
        var last = 0;
        for (var i = 0; i < MeldingCount; i++)
        {
            var at = times[i];
            var category = categories[random.Next(categories.Count)];
            var sequence = sequences[at.Year] = sequences.GetValueOrDefault(at.Year) + 1;
            // Four in five typed an address (a street of a buurt); the rest put a pin on the map.
            var street = random.Next(5) > 0 ? streets[random.Next(streets.Count)] : null;
            var reporter = members[random.Next(members.Count)];
            var melding = new Melding
            {
                Reference = MeldingSubmitter.FormatReference(at.Year, sequence), Year = at.Year, Sequence = sequence, Theme = category.Theme,
                CategoryId = category.Id, CategoryName = category.NameNl, Street = street, Address = street is null ? null : $"{street} {random.Next(1, 120)}, Alblasserdam",
                Latitude = random.Next(10) < 7 ? 51.855 + random.NextDouble() * 0.02 : null, Longitude = null,
                Description = "Er ligt al een paar dagen afval naast de container en het waait de straat in.", Anonymous = random.Next(3) == 0,
                Channel = ChannelKind.Telegram, ChatId = reporter.PrivateChatId!, MemberId = reporter.Id, CreatedAt = at, UpdatedAt = at,
            };
            if (melding.Latitude is not null) melding.Longitude = 4.645 + random.NextDouble() * 0.04;
            if (!melding.Anonymous)
            {
                melding.ReporterName = reporter.DisplayName;
                melding.ReporterEmail = $"bewoner{reporter.Id}@example.nl";
            }
            melding.SetStatus(MeldingStatus.Ontvangen, at);
            // Older meldingen are mostly done; recent ones still open.
            var age = (now - at).TotalDays;
            if (age > 2 && random.Next(10) < 8) melding.SetStatus(MeldingStatus.InBehandeling, at.AddDays(Math.Min(age / 2, 1 + random.Next(3))));
            if (age > 14 && random.Next(10) < 8) melding.SetStatus(MeldingStatus.Afgehandeld, at.AddDays(Math.Min(age - 1, 7 + random.Next(30))));
            var state = random.Next(100) switch { < 90 => ForwardingState.Forwarded, < 94 => ForwardingState.Failed, _ => ForwardingState.Pending };
            melding.Forwards.Add(new MeldingForward
            {
                Sink = "open311", State = state, Attempts = state == ForwardingState.Forwarded ? 1 : 3, NextAttemptAt = now.AddDays(3),
                ForwardedAt = state == ForwardingState.Forwarded ? at.AddMinutes(1) : null,
                ExternalId = state == ForwardingState.Forwarded ? (600_000 + i).ToString(CultureInfo.InvariantCulture) : null,
                LastError = state == ForwardingState.Failed ? "Open311Exception: requests.json: HTTP 503" : null,
            });
            db.Meldingen.Add(melding);
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                last = melding.Id;
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return last;
    }

    private static async Task<(int EventId, int OccurrenceId, int Rsvps)> SeedActivitiesAsync(BuurtkrachtDb db, Random random, List<StreetGroup> groups,
        List<Buurt> buurten, List<Member> members, DateTimeOffset start, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset, DateTimeOffset> moment)
    {
        var kinds = Enum.GetValues<EventKind>();
        var events = new List<Event>();
        var rsvps = 0;
        for (var e = 0; e < ActivityCount; e++)
        {
            // Nine in ten lie in the past two years, the rest in the coming three months.
            var startsAt = e % 10 == 9 ? now.AddDays(random.Next(1, 90)) : moment(start, now);
            startsAt = new DateTimeOffset(startsAt.Year, startsAt.Month, startsAt.Day, 9 + random.Next(9), 0, 0, TimeSpan.Zero);
            var kind = kinds[random.Next(kinds.Length)];
            var audience = (EventAudience)(e % 3);
            var ev = new Event
            {
                Title = $"{kind} {e}", Description = "Samen maken we de buurt mooier. Neem handschoenen mee.", Location = "Buurthuis De Ontmoeting",
                Kind = kind, Audience = audience, Capacity = e % 4 == 0 ? 30 : null, Organiser = "SWA",
                AudienceIds = audience switch
                {
                    EventAudience.Buurten => [buurten[random.Next(buurten.Count)].Id],
                    EventAudience.Groups => [groups[random.Next(groups.Count)].Id, groups[random.Next(groups.Count)].Id],
                    _ => [],
                },
                CreatedAt = startsAt.AddDays(-21), UpdatedAt = startsAt.AddDays(-21),
            };
            // One in ten lasts several days.
            var days = e % 10 == 3 ? 3 : 1;
            for (var d = 0; d < days; d++)
                ev.Occurrences.Add(new EventOccurrence
                {
                    StartsAt = startsAt.AddDays(d), EndsAt = startsAt.AddDays(d).AddHours(2), IsCancelled = e % 25 == 7,
                    Attendance = startsAt.AddDays(d) < now && e % 25 != 7 ? random.Next(3, 40) : null,
                });
            events.Add(ev);
        }
        db.Events.AddRange(events);
        await db.SaveChangesAsync();
        foreach (var occurrence in events.SelectMany(e => e.Occurrences))
        {
            var count = random.Next(0, 30);
            foreach (var member in Enumerable.Range(0, count).Select(_ => members[random.Next(members.Count)]).DistinctBy(m => m.Id))
            {
                db.EventRsvps.Add(new EventRsvp
                {
                    OccurrenceId = occurrence.Id, MemberId = member.Id, Answer = (RsvpAnswer)(random.Next(5) switch { < 3 => 0, 3 => 1, _ => 2 }),
                    UpdatedAt = occurrence.StartsAt.AddDays(-3),
                });
                rsvps++;
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var upcoming = events.Where(e => e.Occurrences[0].StartsAt > now).OrderBy(e => e.Occurrences[0].StartsAt).First();
        return (upcoming.Id, upcoming.Occurrences[0].Id, rsvps);
    }

    /// <summary>The buurtpeiling to groups (5 answers each) and the moderators' monthly check-ins (4 answers), 50,000 answers in all.</summary>
    private static async Task<int> SeedQuestionnairesAsync(BuurtkrachtDb db, QuestionnaireCatalog catalog, Random random, List<StreetGroup> groups, List<Member> members,
        DateTimeOffset start, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset, DateTimeOffset> moment)
    {
        // The versions the service itself would store on the first send of each.
        async Task<QuestionnaireVersion> VersionAsync(string key) => (await catalog.CurrentVersionAsync(db, key, now))?.Version
            ?? throw new InvalidOperationException($"The questionnaire {key} is not in the catalogue.");
        var peiling = await VersionAsync("buurtpeiling");
        var checkin = await VersionAsync("beheerder-checkin");

        // Every group gets the buurtpeiling twice a year.
        var sends = new List<QuestionnaireSend>();
        foreach (var group in groups)
            for (var opens = start.AddDays(30 + group.Id % 60); opens < now; opens = opens.AddMonths(6))
                sends.Add(new QuestionnaireSend
                {
                    VersionId = peiling.Id, Key = peiling.Key, Target = QuestionnaireTarget.Group, TargetId = group.Id, BuurtId = group.BuurtId, Anonymous = true,
                    OpensAt = opens, ClosesAt = opens.AddDays(14), Status = SendStatus.Sent, SentAt = opens, CreatedAt = opens,
                });
        var monthly = new List<QuestionnaireSend>();
        for (var month = start; month < now; month = month.AddMonths(1))
            monthly.Add(new QuestionnaireSend
            {
                VersionId = checkin.Id, Key = checkin.Key, Target = QuestionnaireTarget.Moderators, OpensAt = month, ClosesAt = month.AddDays(10),
                Status = SendStatus.Sent, SentAt = month, CreatedAt = month,
            });
        db.AddRange(sends);
        db.AddRange(monthly);
        await db.SaveChangesAsync();

        var answers = 0;
        var n = 0;
        // The check-ins: every moderator every month (4 answers each), one in eight asks for help.
        foreach (var send in monthly)
            for (var g = 0; g < groups.Count && answers < AnswerCount; g++)
            {
                var id = $"c{send.Id:D4}{g:D4}".PadRight(32, '0');
                var flagged = random.Next(8) == 0;
                db.Add(new QuestionnaireResponse
                {
                    Id = id, SendId = send.Id, VersionId = checkin.Id, Key = checkin.Key, MemberId = members[g].Id, GroupId = groups[g].Id, BuurtId = groups[g].BuurtId,
                    SubmittedOn = DateOnly.FromDateTime(send.OpensAt.AddDays(random.Next(1, 9)).UtcDateTime), Flagged = flagged,
                });
                var score = random.Next(2, 6);
                Answer(db, id, "groep", score.ToString(CultureInfo.InvariantCulture), score);
                Answer(db, id, "aandacht", flagged ? "De groep is stil, ik weet niet hoe ik mensen actief krijg." : null, null);
                Answer(db, id, "steun", flagged ? "ja" : "nee", null);
                var joined = random.Next(0, 8);
                Answer(db, id, "nieuwe-leden", joined.ToString(CultureInfo.InvariantCulture), joined);
                answers += 4;
                if (++n % 500 == 0) await SaveAsync(db);
            }
        // The buurtpeiling fills the rest: 5 answers per response.
        var r = 0;
        while (answers + 5 <= AnswerCount)
        {
            var send = sends[r++ % sends.Count];
            var id = Guid.NewGuid().ToString("N");
            db.Add(new QuestionnaireResponse
            {
                Id = id, SendId = send.Id, VersionId = peiling.Id, Key = peiling.Key, GroupId = send.TargetId, BuurtId = send.BuurtId,
                SubmittedOn = DateOnly.FromDateTime(send.OpensAt.AddDays(random.Next(0, 14)).UtcDateTime),
            });
            foreach (var question in new[] { "trots", "buren-kennen", "veilig" })
            {
                var v = random.Next(2, 6);
                Answer(db, id, question, v.ToString(CultureInfo.InvariantCulture), v);
            }
            Answer(db, id, "fixi", random.Next(2) == 0 ? "ja" : "nee", null);
            Answer(db, id, "buurtpreventie", random.Next(3) == 0 ? "ja" : "nee", null);
            answers += 5;
            if (++n % 500 == 0) await SaveAsync(db);
        }
        await SaveAsync(db);
        return sends[0].Id;
    }

    private static void Answer(BuurtkrachtDb db, string responseId, string question, string? value, double? number) =>
        db.Add(new QuestionnaireAnswer { ResponseId = responseId, QuestionId = question, Value = value, Number = number });

    private static async Task SaveAsync(BuurtkrachtDb db)
    {
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static ServiceProvider Services(string databasePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Buurtkracht"] = $"Data Source={databasePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddFilter((_, level) => level >= LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBuurtkrachtCore(configuration);
        return services.BuildServiceProvider();
    }
}

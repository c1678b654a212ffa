using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>
/// The dashboard's overview builds 14 periods with only the figures it shows (<see cref="DigestView"/>) and has the
/// database sum the groups' messages per month. Guarded here against the full build and against figures worked out
/// independently from the seeded rows, with rows on both sides of month ends in Amsterdam time (where the UTC date is
/// the day before) and across both changes of the clock, on SQLite and on PostgreSQL.
/// </summary>
public class OverviewBuildTests : HarnessTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly TimeZoneInfo AmsterdamZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static DateTimeOffset Local(int y, int m, int d, int h = 12, int min = 0) => EventTime.ToInstant(new DateTime(y, m, d, h, min, 0));

    /// <summary>The keys the overview charts per month (IndexModel.Series) and the breakdowns of the chosen month.</summary>
    private static readonly string[] SeriesKeys = ["members", DigestBuilder.MessagesKey, "events", "attendance", "meldingen", "followers", DigestBuilder.ResolvedYesKey, "responses", "checkins"];

    private static readonly DateTimeOffset Now = Local(2026, 11, 15, 10);

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync(provider: Provider);
        h.Clock.SetUtcNow(Now);
        return h;
    }

    /// <summary>Meldingen made at these local times, in Souburgh's street "Dam"; the UTC instant of the first of a month is the evening before.</summary>
    private static readonly DateTime[] MeldingTimes =
    [
        new(2026, 3, 28, 23, 30, 0), new(2026, 3, 29, 3, 30, 0), new(2026, 3, 31, 23, 59, 0), new(2026, 4, 1, 0, 1, 0),
        new(2026, 9, 30, 23, 50, 0), new(2026, 10, 1, 0, 15, 0), new(2026, 10, 25, 1, 30, 0), new(2026, 10, 25, 3, 30, 0),
        new(2026, 10, 31, 23, 30, 0), new(2026, 11, 1, 0, 30, 0), new(2026, 11, 1, 0, 30, 0), new(2026, 11, 14, 9, 0, 0),
        new(2025, 12, 31, 23, 45, 0), new(2026, 1, 1, 0, 5, 0),
    ];

    /// <summary>Messages counted per local day in the group Dam.</summary>
    private static readonly (DateOnly Day, int Messages)[] MessageDays =
    [
        (new(2025, 11, 30), 4), (new(2025, 12, 1), 6), (new(2026, 3, 31), 3), (new(2026, 4, 1), 5), (new(2026, 10, 25), 9),
        (new(2026, 10, 31), 2), (new(2026, 11, 1), 7), (new(2026, 11, 15), 1),
    ];

    private async Task SeedAsync()
    {
        await H.DbAsync(async db =>
        {
            var souburgh = await db.Buurten.SingleAsync(b => b.Name == "Souburgh");
            souburgh.Streets = ["Dam", "Kerkstraat"];
            // A buurt without a group: whether it is shown at all depends on every figure, so it is built in full.
            var blokweer = await db.Buurten.SingleAsync(b => b.Name == "Blokweer");
            blokweer.Streets = ["Blokweg"];
            var created = Local(2025, 1, 1);
            var people = Enumerable.Range(1, 4).Select(i => new Member { Channel = ChannelKind.Telegram, ChannelUserId = $"7{i}", DisplayName = $"P{i}", CreatedAt = created }).ToList();
            var dam = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-700", Title = "Dam", Buurt = souburgh, Streets = ["Dam"], CreatedAt = created };
            var kerk = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-701", Title = "Kerkstraat", Buurt = souburgh, Streets = ["Kerkstraat"], CreatedAt = created };
            db.AddRange(people);
            db.AddRange(dam, kerk);
            await db.SaveChangesAsync();
            db.GroupMemberships.AddRange(
                new GroupMembership { Group = dam, Member = people[0], JoinedAt = Local(2026, 3, 31, 23, 30) },
                new GroupMembership { Group = dam, Member = people[1], JoinedAt = Local(2026, 10, 31, 23, 30), LeftAt = Local(2026, 11, 1, 0, 30) },
                new GroupMembership { Group = kerk, Member = people[2], JoinedAt = Local(2025, 12, 1, 0, 10) },
                new GroupMembership { Group = kerk, Member = people[3], JoinedAt = Local(2026, 9, 30, 23, 59), LeftAt = Local(2026, 10, 25, 3, 30) });
            var ev = new Event { Title = "Buurtborrel", Organiser = "SWA", Audience = EventAudience.AllGroups, CreatedAt = created, UpdatedAt = created };
            db.AddRange(ev,
                new EventOccurrence { Event = ev, StartsAt = Local(2026, 11, 1, 0, 30), EndsAt = Local(2026, 11, 1, 2), Attendance = 6 },
                new EventOccurrence { Event = ev, StartsAt = Local(2026, 10, 31, 23), EndsAt = Local(2026, 11, 1, 1), Attendance = 4 },
                new EventOccurrence { Event = ev, StartsAt = Local(2026, 3, 29, 3, 30), EndsAt = Local(2026, 3, 29, 5), Attendance = 3 });
            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            var seq = 0;
            foreach (var local in MeldingTimes)
            {
                var at = EventTime.ToInstant(local);
                // Every third is closed at the first of the month after (local midnight and a half), so the statuses change over month ends too.
                var closed = seq % 3 == 0 ? EventTime.ToInstant(new DateTime(local.Year, local.Month, 1, 0, 30, 0).AddMonths(1)) : (DateTimeOffset?)null;
                db.Meldingen.Add(NewMelding(category, ++seq, at, seq % 2 == 0 ? MeldingTheme.Heel : MeldingTheme.Schoon, "Dam", closed));
            }
            db.Meldingen.Add(NewMelding(category, ++seq, Local(2025, 10, 10), MeldingTheme.Veilig, "Blokweg", null));
            foreach (var (day, messages) in MessageDays) db.Add(new GroupMessageCount { GroupId = dam.Id, Day = day, Messages = messages });
            db.Add(new GroupMessageCount { GroupId = kerk.Id, Day = new DateOnly(2026, 10, 31), Messages = 10 });
            await db.SaveChangesAsync();

            var send = (await H.Services.GetRequiredService<CheckinService>().PlanAsync(db, Local(2026, 10, 5)))!;
            QuestionnaireResponse R(string key, DateOnly on, int? groupId) => new()
            {
                Id = Guid.NewGuid().ToString("N"), SendId = send.Id, VersionId = send.VersionId, Key = key, BuurtId = souburgh.Id, GroupId = groupId, SubmittedOn = on,
            };
            db.AddRange(R("beheerder-checkin", new DateOnly(2026, 10, 31), dam.Id), R("beheerder-checkin", new DateOnly(2026, 11, 1), dam.Id),
                R("activiteit-feedback", new DateOnly(2026, 3, 31), null));
            await db.SaveChangesAsync();
        });
    }

    private static Melding NewMelding(MeldingCategory category, int seq, DateTimeOffset at, MeldingTheme theme, string street, DateTimeOffset? closed)
    {
        var melding = new Melding
        {
            Reference = $"O-{seq}", Year = at.Year, Sequence = seq, Theme = theme, CategoryId = category.Id, CategoryName = category.NameNl,
            Street = street, Description = "x", Channel = ChannelKind.Telegram, ChatId = "71", CreatedAt = at, UpdatedAt = at,
        };
        melding.SetStatus(MeldingStatus.Ontvangen, at);
        if (closed is { } when) melding.SetStatus(MeldingStatus.Afgehandeld, when);
        return melding;
    }

    private static List<DigestPeriod> Months(DigestPeriod month) =>
        Enumerable.Range(0, 13).Reverse().Select(i => month.Start.AddMonths(-i)).Select(d => DigestPeriod.Month(d.Year, d.Month)).ToList();

    private static Figure? F(DigestSection? section, string key) => section?.Figures.FirstOrDefault(f => f.Key == key);

    /// <summary>A figure as the overview reads it (the name is a phrase whose arguments compare by reference).</summary>
    private static (int Value, int Previous)? V(DigestSection? section, string key) => F(section, key) is { } f ? (f.Value, f.Previous) : null;

    [DatabaseTheory]
    [InlineData(2026, 11)]
    [InlineData(2026, 4)]
    public async Task The_overview_build_gives_the_full_builds_figures_wherever_the_overview_shows_them(int year, int monthNumber)
    {
        await SeedAsync();
        var service = H.Services.GetRequiredService<DigestService>();
        var month = DigestPeriod.Month(year, monthNumber);
        List<DigestPeriod> periods = [.. Months(month), DigestPeriod.YearTo(month)];

        var full = await H.DbAsync(db => service.BuildManyAsync(db, periods));
        var coordinator = await H.DbAsync(db => service.BuildManyAsync(db, periods, new DigestView(month, Buurten: true, Group: _ => false)));
        var damId = full[0].Sections.Single(s => s.Group == "Dam").GroupId!.Value;
        var moderator = await H.DbAsync(db => service.BuildManyAsync(db, periods, new DigestView(month, Buurten: false, Group: id => id == damId)));

        var current = full[periods.IndexOf(month)];
        // The buurten shown, and which buurt each group is in (for the check-ins' help requests), as in the full build.
        Assert.Equal(Names(current), Names(coordinator[periods.IndexOf(month)]));
        Assert.Contains("Blokweer", Names(current));
        for (var i = 0; i < periods.Count; i++)
        {
            var isYear = i == periods.Count - 1;
            IEnumerable<string> keys = isYear ? ["meldingen", "members"] : SeriesKeys;
            if (periods[i] == month) keys = current.Village!.Figures.Select(f => f.Key);
            foreach (var key in keys)
            {
                Assert.Equal(V(full[i].Village, key), V(coordinator[i].Village, key));
                foreach (var buurt in Names(current))
                    Assert.Equal(V(Buurt(full[i], buurt), key), V(Buurt(coordinator[i], buurt), key));
                if (!isYear) Assert.Equal(V(Group(full[i], damId), key), V(Group(moderator[i], damId), key));
            }
            Assert.Equal(full[i].Sections.Where(s => s.GroupId is not null).Select(s => (s.Buurt, s.GroupId)),
                coordinator[i].Sections.Where(s => s.GroupId is not null).Select(s => (s.Buurt, s.GroupId)));
        }

        // Independently: the meldingen and the messages of each month, grouped here by the Amsterdam calendar.
        var shown = coordinator.Take(13).ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var digest = shown[i];
            var (start, end) = (digest.Period.StartInstant, digest.Period.EndInstant < Now ? digest.Period.EndInstant : Now);
            var expectedMeldingen = MeldingTimes.Count(t => EventTime.ToInstant(t) >= start && EventTime.ToInstant(t) < end);
            Assert.Equal(expectedMeldingen, F(Buurt(digest, "Souburgh"), "meldingen")!.Value);
            Assert.Equal(expectedMeldingen, MeldingTimes.Count(t => t.Year == digest.Period.Start.Year && t.Month == digest.Period.Start.Month
                && TimeZoneInfo.ConvertTimeToUtc(t, AmsterdamZone) < end.UtcDateTime));
            var damMessages = MessageDays.Where(d => d.Day.Year == digest.Period.Start.Year && d.Day.Month == digest.Period.Start.Month).Sum(d => d.Messages);
            var kerkMessages = digest.Period.Label == "2026-10" ? 10 : 0;
            Assert.Equal(damMessages + kerkMessages, F(Buurt(digest, "Souburgh"), DigestBuilder.MessagesKey)!.Value);
            Assert.Equal(damMessages, F(Group(moderator[i], damId), DigestBuilder.MessagesKey)!.Value);
        }
        if (month.Label == "2026-11")
        {
            // October 31 23:30 and November 1 00:30 local are both October 31 in UTC: one meldingen each side of the month end.
            Assert.Equal(4, F(Buurt(shown[^2], "Souburgh"), "meldingen")!.Value);
            Assert.Equal(3, F(Buurt(shown[^1], "Souburgh"), "meldingen")!.Value);
            Assert.Equal(2 + 10 + 9, F(Buurt(shown[^2], "Souburgh"), DigestBuilder.MessagesKey)!.Value);
            Assert.Equal(6, F(shown[^1].Village, "attendance")!.Value);
            Assert.Equal(4, F(shown[^2].Village, "attendance")!.Value);
            // The members: P1 (since March 31), P3, and P2 only for the hour around midnight; P4 left on October 25.
            Assert.Equal(3, F(Buurt(shown[^2], "Souburgh"), "members")!.Value);
            Assert.Equal(2, F(Buurt(shown[^1], "Souburgh"), "members")!.Value);
        }
        else
        {
            // March 28 23:30, March 29 03:30 (summer time from 02:00) and March 31 23:59 are March; April 1 00:01 is April.
            Assert.Equal(3, F(Buurt(shown[^2], "Souburgh"), "meldingen")!.Value);
            Assert.Equal(1, F(Buurt(shown[^1], "Souburgh"), "meldingen")!.Value);
            Assert.Equal(5, F(Buurt(shown[^1], "Souburgh"), DigestBuilder.MessagesKey)!.Value);
            Assert.Equal(3, F(Buurt(shown[^2], "Souburgh"), DigestBuilder.MessagesKey)!.Value);
            Assert.Equal(6, F(Buurt(shown[^5], "Souburgh"), DigestBuilder.MessagesKey)!.Value);
            Assert.Equal(4, F(Buurt(shown[^6], "Souburgh"), DigestBuilder.MessagesKey)!.Value);
        }
    }

    private static List<string> Names(Digest d) => d.Sections.Where(s => s.GroupId is null).Select(s => s.Buurt).ToList();

    private static DigestSection? Buurt(Digest d, string name) => d.Sections.FirstOrDefault(s => s.GroupId is null && s.Buurt == name);

    private static DigestSection? Group(Digest d, int id) => d.Sections.FirstOrDefault(s => s.GroupId == id);
}

/// <summary>The same on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class OverviewBuildTestsOnPostgres : OverviewBuildTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

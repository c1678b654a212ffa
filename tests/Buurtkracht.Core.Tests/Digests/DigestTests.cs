using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Questionnaires;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>The coördinatoren's digest: its schedule, its figures for a seeded month with trends, the empty month, delivery once.</summary>
public sealed class DigestTests : HarnessTests
{
    private static DateTimeOffset Local(int y, int m, int d, int h = 12) => EventTime.ToInstant(new DateTime(y, m, d, h, 0, 0));

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Digests:Folder"] = Path.Combine(Path.GetTempPath(), "buurtkracht-core-tests", "digests-" + Guid.NewGuid().ToString("N")),
        });
        // November is over: its figures are complete (the running month is in DigestReadabilityTests).
        h.Clock.SetUtcNow(Local(2026, 12, 2, 13));
        return h;
    }

    private DigestService Service => H.Services.GetRequiredService<DigestService>();

    /// <summary>The digest CSV as Dutch Excel reads it: BOM, ';', a header row, then one row per section.</summary>
    internal static List<Dictionary<string, string>> CsvRows(string csv)
    {
        Assert.StartsWith("\uFEFF", csv);
        var lines = csv[1..].TrimEnd('\n').Split('\n');
        var header = lines[0].Split(';');
        Assert.Equal(header.Length, header.Distinct().Count());
        return lines.Skip(1).Select(line => line.Split(';')).Select(cells =>
        {
            Assert.Equal(header.Length, cells.Length);
            return header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    private static Figure F(Digest digest, string? group, string key) =>
        digest.Sections.Single(s => s.Group == group && (group != null || s.Buurt == "Souburgh")).Figures.Single(f => f.Key == key);

    [Fact]
    public void The_trigger_fires_on_the_first_of_the_month_at_nine_Amsterdam_time_or_weekly_on_monday()
    {
        ICronTrigger Trigger(DigestOptions o) => (ICronTrigger)TriggerBuilder.Create()
            .WithCronSchedule(DigestJob.Cron(o), c => c.InTimeZone(Scheduling.Amsterdam.TimeZone)).StartAt(Local(2026, 11, 1, 0)).Build();

        var monthly = Trigger(new DigestOptions());
        Assert.Equal(Local(2026, 12, 1, 9), monthly.GetFireTimeAfter(Local(2026, 11, 20)));
        // Summer time: still 09:00 on the local clock.
        Assert.Equal(Local(2027, 4, 1, 9), monthly.GetFireTimeAfter(Local(2027, 3, 15)));
        var weekly = Trigger(new DigestOptions { Period = DigestPeriodKind.Week, SendTime = new TimeOnly(8, 30) });
        Assert.Equal(EventTime.ToInstant(new DateTime(2026, 11, 23, 8, 30, 0)), weekly.GetFireTimeAfter(Local(2026, 11, 20)));

        Assert.Equal("2026-11", DigestPeriod.EndedBefore(DigestPeriodKind.Month, Local(2026, 12, 1, 9)).Label);
        Assert.Equal("2026-W47", DigestPeriod.EndedBefore(DigestPeriodKind.Week, EventTime.ToInstant(new DateTime(2026, 11, 23, 8, 30, 0))).Label);
    }

    private async Task SeedAsync()
    {
        await H.DbAsync(async db =>
        {
            var souburgh = await db.Buurten.SingleAsync(b => b.Name == "Souburgh");
            souburgh.Streets = ["Dam", "Kerkstraat"];
            var created = Local(2026, 1, 1);
            var people = Enumerable.Range(1, 5).Select(i => new Member { Channel = ChannelKind.Telegram, ChannelUserId = $"5{i}", DisplayName = $"P{i}", CreatedAt = created }).ToList();
            var dam = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-500", Title = "Dam", Buurt = souburgh, CreatedAt = created };
            var kerk = new StreetGroup { Channel = ChannelKind.Teams, ChatId = "19:kerk@thread.v2", Title = "Kerkstraat", Buurt = souburgh, CreatedAt = created };
            db.AddRange(people);
            db.AddRange(dam, kerk);
            db.GroupMemberships.AddRange(
                new GroupMembership { Group = dam, Member = people[0], JoinedAt = Local(2026, 9, 1) },
                new GroupMembership { Group = dam, Member = people[1], JoinedAt = Local(2026, 10, 5) },
                new GroupMembership { Group = dam, Member = people[2], JoinedAt = Local(2026, 10, 6), LeftAt = Local(2026, 11, 10) },
                new GroupMembership { Group = dam, Member = people[3], JoinedAt = Local(2026, 11, 2) },
                new GroupMembership { Group = dam, Member = people[4], JoinedAt = Local(2026, 11, 3) },
                new GroupMembership { Group = kerk, Member = people[4], JoinedAt = Local(2026, 11, 4) });
            var ev = new Event { Title = "Buurtborrel", Organiser = "SWA", Audience = EventAudience.AllGroups, CreatedAt = created, UpdatedAt = created };
            var november = new EventOccurrence { Event = ev, StartsAt = Local(2026, 11, 14, 15), EndsAt = Local(2026, 11, 14, 17), Attendance = 12 };
            var october = new EventOccurrence { Event = ev, StartsAt = Local(2026, 10, 10, 15), EndsAt = Local(2026, 10, 10, 17), Attendance = 8 };
            var cancelled = new EventOccurrence { Event = ev, StartsAt = Local(2026, 11, 28, 15), EndsAt = Local(2026, 11, 28, 17), IsCancelled = true };
            db.AddRange(ev, november, october, cancelled);
            await db.SaveChangesAsync();
            db.EventRsvps.AddRange(
                new EventRsvp { OccurrenceId = november.Id, MemberId = people[0].Id, Answer = RsvpAnswer.Coming, UpdatedAt = created },
                new EventRsvp { OccurrenceId = november.Id, MemberId = people[1].Id, Answer = RsvpAnswer.Coming, UpdatedAt = created },
                new EventRsvp { OccurrenceId = november.Id, MemberId = people[2].Id, Answer = RsvpAnswer.NotComing, UpdatedAt = created },
                new EventRsvp { OccurrenceId = october.Id, MemberId = people[0].Id, Answer = RsvpAnswer.Coming, UpdatedAt = created });

            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            var seq = 0;
            Melding M(DateTimeOffset at, MeldingTheme theme, MeldingStatus status, string? street) =>
                NewMelding(category, ++seq, at, theme, street, (status, at));
            db.Meldingen.AddRange(
                M(Local(2026, 11, 3), MeldingTheme.Schoon, MeldingStatus.Ontvangen, "Dam"),
                M(Local(2026, 11, 4), MeldingTheme.Heel, MeldingStatus.Afgehandeld, "kerkstraat"),
                M(Local(2026, 11, 5), MeldingTheme.Veilig, MeldingStatus.Ontvangen, "Elders"),
                M(Local(2026, 10, 10), MeldingTheme.Schoon, MeldingStatus.InBehandeling, "Dam"));
            db.OutboxMessages.AddRange(
                new OutboxMessage { Channel = ChannelKind.Teams, ChatId = kerk.ChatId, ChatKind = ChatKind.Group, PayloadJson = "{\"text\":\"x\"}", Status = OutboxStatus.Failed, CreatedAt = Local(2026, 11, 7), NextAttemptAt = Local(2026, 11, 7) },
                new OutboxMessage { Channel = ChannelKind.Teams, ChatId = kerk.ChatId, ChatKind = ChatKind.Group, PayloadJson = "{\"text\":\"x\"}", Status = OutboxStatus.Sent, CreatedAt = Local(2026, 11, 7), NextAttemptAt = Local(2026, 11, 7) });
            await db.SaveChangesAsync();

            // Two check-ins answered in November (one asks for support), one in October; a feedback form in November.
            var send = (await H.Services.GetRequiredService<CheckinService>().PlanAsync(db, Local(2026, 10, 5)))!;
            QuestionnaireResponse R(string key, DateOnly on, bool flagged, int? groupId) => new()
            {
                Id = Guid.NewGuid().ToString("N"), SendId = send.Id, VersionId = send.VersionId, Key = key, BuurtId = souburgh.Id, GroupId = groupId,
                SubmittedOn = on, Flagged = flagged,
            };
            db.AddRange(
                R("beheerder-checkin", new DateOnly(2026, 11, 2), true, dam.Id),
                R("beheerder-checkin", new DateOnly(2026, 11, 3), false, null),
                R("beheerder-checkin", new DateOnly(2026, 10, 6), false, dam.Id),
                R("activiteit-feedback", new DateOnly(2026, 11, 15), false, null));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task The_figures_of_a_seeded_month_are_right_per_buurt_and_per_group_with_the_trend_against_the_month_before()
    {
        await SeedAsync();

        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));

        Assert.Equal((4, 3), (F(digest, "Dam", "members").Value, F(digest, "Dam", "members").Previous));
        Assert.Equal((2, 2), (F(digest, "Dam", "joined").Value, F(digest, "Dam", "joined").Previous));
        Assert.Equal((1, 0), (F(digest, "Dam", "left").Value, F(digest, "Dam", "left").Previous));
        Assert.Equal((1, 1), (F(digest, "Dam", "events").Value, F(digest, "Dam", "events").Previous));
        Assert.Equal((2, 1), (F(digest, "Dam", "rsvps").Value, F(digest, "Dam", "rsvps").Previous));
        Assert.Equal((12, 8), (F(digest, "Dam", "attendance").Value, F(digest, "Dam", "attendance").Previous));
        Assert.Equal((1, 0), (F(digest, "Kerkstraat", "failures").Value, F(digest, "Kerkstraat", "failures").Previous));
        Assert.Equal((0, 0), (F(digest, "Dam", "failures").Value, F(digest, "Dam", "failures").Previous));

        // The buurt: members summed over its groups, the one activity counted once, meldingen on its streets only.
        Assert.Equal((5, 3), (F(digest, null, "members").Value, F(digest, null, "members").Previous));
        Assert.Equal((1, 1), (F(digest, null, "events").Value, F(digest, null, "events").Previous));
        Assert.Equal((2, 1), (F(digest, null, "meldingen").Value, F(digest, null, "meldingen").Previous));
        Assert.Equal((1, 1), (F(digest, null, "theme:Schoon").Value, F(digest, null, "theme:Schoon").Previous));
        Assert.Equal((1, 0), (F(digest, null, "status:afgehandeld").Value, F(digest, null, "status:afgehandeld").Previous));
        // The October melding is still open at the end of November, but not yet 30 days at the end of October.
        Assert.Equal((1, 0), (F(digest, null, "open-too-long").Value, F(digest, null, "open-too-long").Previous));
        Assert.Equal((2, 1), (F(digest, null, "checkins").Value, F(digest, null, "checkins").Previous));
        Assert.Equal((1, 0), (F(digest, null, "checkins-flagged").Value, F(digest, null, "checkins-flagged").Previous));
        Assert.Equal((1, 0), (F(digest, null, "responses").Value, F(digest, null, "responses").Previous));
        Assert.Equal((1, 1), (F(digest, "Dam", "checkins").Value, F(digest, "Dam", "checkins").Previous));
        Assert.Equal((1, 0), (F(digest, "Dam", "checkins-flagged").Value, F(digest, "Dam", "checkins-flagged").Previous));
        var elsewhere = digest.Sections.Single(s => s.Buurt == DigestBuilder.NoBuurt && s.GroupId == null);
        Assert.Equal(1, elsewhere.Figures.Single(f => f.Key == "meldingen").Value);

        var text = string.Join("\n", DigestBuilder.Render(digest, "nl"));
        Assert.Contains("🏘 Souburgh", text);
        // Souburgh is the only buurt with figures, so its bars are full; the groups share a scale of their own.
        Assert.Matches(@"(?m)^██████████ \u2007\u2007\u2007\u20075 Leden \(▲2\)$", text);
        Assert.Matches(@"(?m)^██████████ \u2007\u2007\u200712 Opkomst \(▲4\)$", text);
        Assert.Matches(@"(?m)^👥 Kerkstraat\n(.+\n)*██░{8} \u2007{4}1 Leden \(▲1\)$", text);
        Assert.DoesNotContain("P1", text);
        var rows = CsvRows(DigestBuilder.Csv(digest));
        var souburgh = rows.Single(r => r["Buurt"] == "Souburgh" && r["Groep"] == "");
        Assert.Equal(("2026-11", "5", "3"), (souburgh["Periode"], souburgh["Leden"], souburgh["Leden vorige periode"]));
        Assert.Equal(("2", "2"), (rows.Single(r => r["Groep"] == "Dam")["Nieuwe leden"], rows.Single(r => r["Groep"] == "Dam")["Nieuwe leden vorige periode"]));
    }

    /// <summary>A melding with its history: made at <paramref name="at"/> (ontvangen), then each of <paramref name="changes"/>.</summary>
    private static Melding NewMelding(MeldingCategory category, int seq, DateTimeOffset at, MeldingTheme theme, string? street,
        params (MeldingStatus Status, DateTimeOffset At)[] changes)
    {
        var melding = new Melding
        {
            Reference = $"T-{seq}", Year = 2026, Sequence = seq, Theme = theme, CategoryId = category.Id, CategoryName = category.NameNl,
            Street = street, Description = "x", Channel = ChannelKind.Telegram, ChatId = "51", CreatedAt = at, UpdatedAt = at,
        };
        melding.SetStatus(MeldingStatus.Ontvangen, at);
        foreach (var (status, when) in changes) melding.SetStatus(status, when);
        return melding;
    }

    /// <summary>Souburgh (streets Dam and Kerkstraat) with the given meldingen, each a list of status changes after ontvangen.</summary>
    private async Task SeedMeldingenAsync(params (DateTimeOffset CreatedAt, (MeldingStatus Status, DateTimeOffset At)[] Changes)[] meldingen)
    {
        await H.DbAsync(async db =>
        {
            (await db.Buurten.SingleAsync(b => b.Name == "Souburgh")).Streets = ["Dam", "Kerkstraat"];
            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            var seq = 0;
            foreach (var (created, changes) in meldingen)
                db.Meldingen.Add(NewMelding(category, ++seq, created, MeldingTheme.Schoon, "Dam", changes));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_melding_closed_this_month_still_counts_as_open_too_long_in_the_previous_months_figure()
    {
        // Made mid-September, in behandeling in October, afgehandeld on 10 November: open for 46 days at the end of October.
        await SeedMeldingenAsync((Local(2026, 9, 15), [(MeldingStatus.InBehandeling, Local(2026, 10, 2)), (MeldingStatus.Afgehandeld, Local(2026, 11, 10))]));

        var november = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));
        Assert.Equal((0, 1), (F(november, null, "open-too-long").Value, F(november, null, "open-too-long").Previous));
        Assert.Matches(@"(?m)^░{10} \u2007{4}0 Meldingen open > 30 dagen \(▼1\)$", string.Join("\n", DigestBuilder.Render(november, "nl")));

        // The preview of a past month shows that month as it stood at its end, not as it stands today.
        var october = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 10)));
        Assert.Equal((1, 0), (F(october, null, "open-too-long").Value, F(october, null, "open-too-long").Previous));
        var september = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 9)));
        Assert.Equal((1, 0), (F(september, null, "status:ontvangen").Value, F(september, null, "status:ontvangen").Previous));
        Assert.Equal((0, 0), (F(september, null, "status:afgehandeld").Value, F(september, null, "status:afgehandeld").Previous));
    }

    [Fact]
    public async Task The_status_breakdown_counts_each_period_with_the_statuses_at_its_end()
    {
        var november1 = EventTime.ToInstant(new DateTime(2026, 11, 1, 0, 0, 0));
        await SeedMeldingenAsync(
            // October: one in behandeling at the end of October and afgehandeld in November, one afgehandeld within October,
            // one afgehandeld at the very first instant of November (that counts for November), one left ontvangen.
            (Local(2026, 10, 5), [(MeldingStatus.InBehandeling, Local(2026, 10, 20)), (MeldingStatus.Afgehandeld, Local(2026, 11, 5))]),
            (Local(2026, 10, 6), [(MeldingStatus.Afgehandeld, Local(2026, 10, 7))]),
            (Local(2026, 10, 7), [(MeldingStatus.Afgehandeld, november1)]),
            (Local(2026, 10, 8), []),
            // November: one in behandeling on 2 December, so still ontvangen at the end of November.
            (Local(2026, 11, 12), [(MeldingStatus.InBehandeling, Local(2026, 12, 2))]));

        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));

        Assert.Equal((1, 4), (F(digest, null, "meldingen").Value, F(digest, null, "meldingen").Previous));
        Assert.Equal((1, 2), (F(digest, null, "status:ontvangen").Value, F(digest, null, "status:ontvangen").Previous));
        Assert.Equal((0, 1), (F(digest, null, "status:in-behandeling").Value, F(digest, null, "status:in-behandeling").Previous));
        Assert.Equal((0, 1), (F(digest, null, "status:afgehandeld").Value, F(digest, null, "status:afgehandeld").Previous));
        // At the end of November all four October meldingen are more than 30 days old, and only the one left ontvangen is open.
        Assert.Equal((1, 0), (F(digest, null, "open-too-long").Value, F(digest, null, "open-too-long").Previous));
    }

    [Fact]
    public async Task The_csv_has_one_row_per_buurt_and_per_group_with_Dutch_column_names_for_Dutch_Excel()
    {
        await SeedAsync();
        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));

        var csv = DigestBuilder.Csv(digest);

        var rows = CsvRows(csv);
        Assert.Equal(digest.Sections.Count, rows.Count);
        Assert.Equal(digest.Sections.Select(s => (s.Buurt, s.Group ?? "")), rows.Select(r => (r["Buurt"], r["Groep"])));
        var header = csv[1..csv.IndexOf('\n')];
        Assert.StartsWith("Periode;Buurt;Groep-id;Groep;Leden;Leden vorige periode;Nieuwe leden;Nieuwe leden vorige periode;", header);
        // A part of a figure is named with its whole, so a column makes sense on its own.
        Assert.Contains(";Meldingen: thema Schoon;", header);
        Assert.Contains(";Meldingen: Afgehandeld;", header);
        Assert.DoesNotContain("figure", header);
        var dam = rows.Single(r => r["Groep"] == "Dam");
        Assert.Equal(("4", "3", "12", "8"), (dam["Leden"], dam["Leden vorige periode"], dam["Opkomst"], dam["Opkomst vorige periode"]));
        // Meldingen are counted per buurt: a group's row leaves those columns empty rather than claiming 0.
        Assert.Equal("", dam["Meldingen"]);
        var souburgh = rows.Single(r => r["Buurt"] == "Souburgh" && r["Groep"] == "");
        Assert.Equal(("2", "1", "1"), (souburgh["Meldingen"], souburgh["Meldingen vorige periode"], souburgh["Meldingen: thema Schoon"]));
    }

    [Fact]
    public async Task Group_messages_are_summed_per_group_and_buurt_over_local_days_with_trend_bar_and_csv_and_quiet_groups_show_zero()
    {
        await SeedAsync();
        await H.DbAsync(async db =>
        {
            var groups = await db.StreetGroups.ToDictionaryAsync(g => g.Title, g => g.Id);
            var quiet = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-501", Title = "Molenstraat", BuurtId = (await db.Buurten.SingleAsync(b => b.Name == "Souburgh")).Id, CreatedAt = Local(2026, 1, 1) };
            db.StreetGroups.Add(quiet);
            GroupMessageCount C(string group, int month, int day, int messages) => new() { GroupId = groups[group], Day = new DateOnly(2026, month, day), Messages = messages };
            db.Set<GroupMessageCount>().AddRange(
                // October (the month before): Dam 5, Kerkstraat 2; 31 October is the last local day of it.
                C("Dam", 10, 1, 1), C("Dam", 10, 31, 4), C("Kerkstraat", 10, 10, 2),
                // November: Dam 7 on its first and last day; Kerkstraat nothing; December is outside the period.
                C("Dam", 11, 1, 3), C("Dam", 11, 30, 4), C("Dam", 12, 1, 100), C("Dam", 9, 30, 50));
            await db.SaveChangesAsync();
        });

        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));

        Assert.Equal((7, 5), (F(digest, "Dam", "messages").Value, F(digest, "Dam", "messages").Previous));
        Assert.Equal((0, 2), (F(digest, "Kerkstraat", "messages").Value, F(digest, "Kerkstraat", "messages").Previous));
        Assert.Equal((0, 0), (F(digest, "Molenstraat", "messages").Value, F(digest, "Molenstraat", "messages").Previous));
        Assert.Equal((7, 7), (F(digest, null, "messages").Value, F(digest, null, "messages").Previous));

        var text = string.Join("\n", DigestBuilder.Render(digest, "nl"));
        // The buurt, then each group: the bar compares the groups with each other, a quiet group still shows its 0.
        Assert.Matches(@"(?m)^██████████ \u2007{4}7 Groepsberichten \(=\)$", text);
        Assert.Matches(@"(?m)^👥 Dam\n(.+\n)*██████████ \u2007{4}7 Groepsberichten \(▲2\)$", text);
        Assert.Matches(@"(?m)^👥 Kerkstraat\n(.+\n)*░{10} \u2007{4}0 Groepsberichten \(▼2\)$", text);
        Assert.Matches(@"(?m)^👥 Molenstraat\n░{10} \u2007{4}0 Leden \(=\)\n░{10} \u2007{4}0 Groepsberichten \(=\)$", text);
        // The other figures keep their own scale.
        Assert.Matches(@"(?m)^██████████ \u2007{4}5 Leden \(▲2\)$", text);
        var rows = CsvRows(DigestBuilder.Csv(digest));
        (string, string) Messages(Dictionary<string, string> row) => (row["Groepsberichten"], row["Groepsberichten vorige periode"]);
        Assert.Equal(("7", "7"), Messages(rows.Single(r => r["Buurt"] == "Souburgh" && r["Groep"] == "")));
        Assert.Equal(("7", "5"), Messages(rows.Single(r => r["Groep"] == "Dam")));
        Assert.Equal(("0", "2"), Messages(rows.Single(r => r["Groep"] == "Kerkstraat")));
        Assert.Equal(("0", "0"), Messages(rows.Single(r => r["Groep"] == "Molenstraat")));

        var december = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 12)));
        Assert.Equal((100, 7), (F(december, "Dam", "messages").Value, F(december, "Dam", "messages").Previous));
        var january = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2027, 1)));
        Assert.Equal((0, 100), (F(january, "Dam", "messages").Value, F(january, "Dam", "messages").Previous));
        Assert.Matches(@"(?m)^░{10} \u2007{4}0 Groepsberichten \(▼100\)$", string.Join("\n", DigestBuilder.Render(january, "nl")));
    }

    [Fact]
    public async Task An_empty_month_says_so_and_reports_zeros()
    {
        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));

        Assert.True(digest.IsEmpty);
        var text = Assert.Single(DigestBuilder.Render(digest, "nl"));
        Assert.Contains("Geen cijfers in deze periode", text);
        Assert.StartsWith("\uFEFFPeriode;Buurt;Groep-id;Groep", DigestBuilder.Csv(digest));
    }

    [Fact]
    public async Task Each_coordinator_gets_the_digest_privately_with_the_csv_once_per_period_and_residents_do_not()
    {
        await SeedAsync();
        await H.PrivateAsync(Carla, "/start");
        await H.PrivateAsync(Anna, "/start");
        await H.DbAsync(async db =>
        {
            var carla = await db.Members.SingleAsync(m => m.ChannelUserId == Carla.UserId);
            db.RoleAssignments.Add(new RoleAssignment { MemberId = carla.Id, Role = Role.Coordinator, GrantedAt = Local(2026, 1, 1), GrantedBy = "test" });
            await db.SaveChangesAsync();
        });
        H.Clock.SetUtcNow(Local(2026, 12, 1, 9));
        var period = DigestPeriod.EndedBefore(DigestPeriodKind.Month, H.Clock.GetUtcNow());

        Assert.Equal(1, await H.DbAsync(db => Service.SendAsync(db, period, H.Clock.GetUtcNow())));
        Assert.Null(await H.DbAsync(db => Service.SendAsync(db, period, H.Clock.GetUtcNow())));

        var rows = (await H.OutboxAsync(Carla.UserId)).Select(Outbox.ReadPayload).ToList();
        Assert.Contains(rows, r => r.Text.StartsWith("📊 Buurtkracht-overzicht 2026-11", StringComparison.Ordinal));
        var document = Assert.Single(rows, r => r.DocumentPath is not null);
        // The file itself starts with the BOM bytes, so Excel reads it as UTF-8.
        var bytes = await File.ReadAllBytesAsync(document.DocumentPath!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("4", CsvRows(System.Text.Encoding.UTF8.GetString(bytes)).Single(r => r["Groep"] == "Dam")["Leden"]);
        Assert.DoesNotContain((await H.OutboxAsync(Anna.UserId)).Select(Outbox.ReadPayload), r => r.Text.Contains("📊"));
        Assert.Equal(1, await H.DbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == DigestService.SentAction && a.Subject == "digest:2026-11")));
    }

    [Fact]
    public async Task Building_many_months_at_once_gives_every_section_the_figures_of_building_each_month_alone()
    {
        // The dashboard's build shares filtered rows and melding statuses between sections and months; this is its guard.
        await SeedAsync();
        await H.DbAsync(async db =>
        {
            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            db.Meldingen.AddRange(
                NewMelding(category, 90, Local(2026, 9, 1), MeldingTheme.Heel, "Dam", (MeldingStatus.InBehandeling, Local(2026, 10, 1)), (MeldingStatus.Afgehandeld, Local(2026, 11, 20))),
                NewMelding(category, 91, Local(2026, 8, 1), MeldingTheme.Schoon, "Kerkstraat", (MeldingStatus.Afgehandeld, Local(2026, 12, 1))));
            await db.SaveChangesAsync();
        });
        var builder = H.Services.GetRequiredService<DigestBuilder>();
        var months = Enumerable.Range(7, 6).Select(m => DigestPeriod.Month(2026, m)).ToList();
        List<DigestPeriod> periods = [.. months, DigestPeriod.YearTo(months[^1])];

        var together = await H.DbAsync(db => builder.BuildManyAsync(db, periods, null, 30, groupMeldingen: true));

        static List<string> Lines(Digest d) =>
            [.. d.Sections.Append(d.Village!).SelectMany(s => s.Figures.Select(f => $"{s.Buurt}/{s.Group}/{f.Key}={f.Value},{f.Previous}"))];
        foreach (var (period, digest) in periods.Zip(together))
        {
            var alone = await H.DbAsync(db => builder.BuildManyAsync(db, [period], null, 30, groupMeldingen: true));
            Assert.Equal(Lines(alone[0]), Lines(digest));
        }
        // The guard compares real figures: the September melding is ontvangen at September's end, open too long at
        // October's and closed at November's; the August one stays open until December.
        Assert.Equal(1, F(together[2], null, "status:ontvangen").Value);
        Assert.Equal((2, 2), (F(together[4], null, "open-too-long").Value, F(together[4], null, "open-too-long").Previous));
    }
}

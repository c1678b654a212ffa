using System.Text.RegularExpressions;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Questionnaires;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>The digest is right for the running month and readable: Dutch status names, bars comparable across buurten, marks, names, charts.</summary>
public sealed class DigestReadabilityTests : HarnessTests
{
    private static DateTimeOffset Local(int y, int m, int d, int h = 12) => EventTime.ToInstant(new DateTime(y, m, d, h, 0, 0));

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Digests:Folder"] = Path.Combine(Path.GetTempPath(), "buurtkracht-core-tests", "digests-" + Guid.NewGuid().ToString("N")),
            ["Beheer:PublicBaseUrl"] = "https://bot.example.nl",
        });
        h.Clock.SetUtcNow(Local(2026, 11, 20));
        return h;
    }

    private DigestService Service => H.Services.GetRequiredService<DigestService>();

    private static Figure F(Digest digest, string buurt, string key) =>
        digest.Sections.Single(s => s.GroupId == null && s.Buurt == buurt).Figures.Single(f => f.Key == key);

    private static int Seq;

    private static Melding NewMelding(MeldingCategory category, DateTimeOffset at, string street, params (MeldingStatus Status, DateTimeOffset At)[] changes)
    {
        var seq = Interlocked.Increment(ref Seq);
        var melding = new Melding
        {
            Reference = $"R-{seq}", Year = 2026, Sequence = seq, Theme = MeldingTheme.Schoon, CategoryId = category.Id, CategoryName = category.NameNl,
            Street = street, Description = "x", Channel = ChannelKind.Telegram, ChatId = "51", CreatedAt = at, UpdatedAt = at,
        };
        melding.SetStatus(MeldingStatus.Ontvangen, at);
        foreach (var (status, when) in changes) melding.SetStatus(status, when);
        return melding;
    }

    /// <summary>A group in a buurt with <paramref name="members"/> members who joined in October.</summary>
    private async Task<StreetGroup> GroupAsync(string buurt, string title, int members, bool active = true)
    {
        return await H.DbAsync(async db =>
        {
            var group = new StreetGroup
            {
                Channel = ChannelKind.Telegram, ChatId = "-" + Guid.NewGuid().ToString("N")[..8], Title = title, IsActive = active,
                Buurt = await db.Buurten.SingleAsync(b => b.Name == buurt), CreatedAt = Local(2026, 1, 1),
            };
            db.StreetGroups.Add(group);
            for (var i = 0; i < members; i++)
            {
                var member = new Member { Channel = ChannelKind.Telegram, ChannelUserId = Guid.NewGuid().ToString("N")[..10], DisplayName = "x", CreatedAt = Local(2026, 1, 1) };
                db.GroupMemberships.Add(new GroupMembership { Group = group, Member = member, JoinedAt = Local(2026, 10, 1) });
            }
            await db.SaveChangesAsync();
            return group;
        });
    }

    [Fact]
    public async Task In_the_running_month_open_too_long_counts_up_to_now_not_up_to_the_months_end()
    {
        await H.DbAsync(async db =>
        {
            (await db.Buurten.SingleAsync(b => b.Name == "Souburgh")).Streets = ["Dam"];
            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            // Today is 20 November: 36 days open (too long), 26 days open (not yet), made today (certainly not).
            db.Meldingen.AddRange(
                NewMelding(category, Local(2026, 10, 15), "Dam"),
                NewMelding(category, Local(2026, 10, 25), "Dam"),
                NewMelding(category, Local(2026, 11, 20, 9), "Dam"));
            await db.SaveChangesAsync();
        });

        var november = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));

        Assert.Equal(1, F(november, "Souburgh", "open-too-long").Value);
        Assert.Equal(1, F(november, "Souburgh", "meldingen").Value);

        // Ten days later the month is over and the 25 October melding is over 30 days open at its end.
        H.Clock.SetUtcNow(Local(2026, 12, 2));
        var later = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));
        Assert.Equal(2, F(later, "Souburgh", "open-too-long").Value);
    }

    [Fact]
    public async Task Status_names_are_dutch_words_in_the_chat_text_and_the_csv()
    {
        await H.DbAsync(async db =>
        {
            (await db.Buurten.SingleAsync(b => b.Name == "Souburgh")).Streets = ["Dam"];
            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            db.Meldingen.Add(NewMelding(category, Local(2026, 11, 3), "Dam", (MeldingStatus.InBehandeling, Local(2026, 11, 4))));
            await db.SaveChangesAsync();
        });

        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));
        var text = string.Join("\n", DigestBuilder.Render(digest, "nl"));
        var csv = DigestBuilder.Csv(digest);

        Assert.Contains("In behandeling", text);
        Assert.Contains("In behandeling", csv);
        Assert.DoesNotContain("InBehandeling", text);
        Assert.DoesNotContain("InBehandeling", csv);
        Assert.Contains("Being handled", string.Join("\n", DigestBuilder.Render(digest, "en")));
    }

    private static int BarLength(string part, string label) =>
        Regex.Match(part, $"(?m)^.*{Regex.Escape(label)}.*$").Value.Count(c => c == '█');

    [Fact]
    public async Task Bars_are_scaled_per_figure_across_all_buurten_columns_align_and_a_group_without_the_bot_is_marked()
    {
        await GroupAsync("Souburgh", "Dam", members: 1);
        await GroupAsync("Kinderdijk", "Molenkade", members: 2);
        await GroupAsync("Kinderdijk", "Oud", members: 0, active: false);

        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));
        var parts = DigestBuilder.Render(digest, "nl");
        var souburgh = Assert.Single(parts, p => p.Contains("🏘 Souburgh"));
        var kinderdijk = Assert.Single(parts, p => p.Contains("🏘 Kinderdijk"));

        // One member is half of two members' bar, in whichever buurt it stands; the buurt line is the first "Leden".
        Assert.Equal(5, BarLength(souburgh, "Leden"));
        Assert.Equal(10, BarLength(kinderdijk, "Leden"));
        // Every figure line starts with a bar of the same width, then the number right-aligned: columns line up in any font.
        var figureLines = parts.SelectMany(p => p.Split('\n')).Where(l => l.Contains("Leden") || l.Contains("Groepsberichten")).ToList();
        Assert.NotEmpty(figureLines);
        Assert.All(figureLines, l => Assert.Matches(@"^[█░]{10} [\u2007\d]{5} \S", l));
        Assert.Matches(@"(?m)^👥 Oud \(bot verwijderd\)$", kinderdijk);
        Assert.DoesNotContain("(bot verwijderd)", souburgh);
    }

    [Fact]
    public async Task The_checkins_asking_for_help_name_the_moderator_and_their_group()
    {
        var dam = await GroupAsync("Souburgh", "Dam", members: 1);
        await H.DbAsync(async db =>
        {
            var mo = new Member { Channel = ChannelKind.Telegram, ChannelUserId = "777", DisplayName = "Mo Bakker", CreatedAt = Local(2026, 1, 1) };
            db.Members.Add(mo);
            db.RoleAssignments.Add(new RoleAssignment { Member = mo, Role = Role.Moderator, GroupId = dam.Id, GrantedAt = Local(2026, 1, 1), GrantedBy = "test" });
            await db.SaveChangesAsync();
            var send = (await H.Services.GetRequiredService<CheckinService>().PlanAsync(db, Local(2026, 11, 2)))!;
            // A check-in goes to the moderators, not to a group: the response has no group of its own.
            db.Add(new QuestionnaireResponse
            {
                Id = Guid.NewGuid().ToString("N"), SendId = send.Id, VersionId = send.VersionId, Key = "beheerder-checkin", MemberId = mo.Id,
                BuurtId = null, GroupId = null, SubmittedOn = new DateOnly(2026, 11, 3), Flagged = true,
            });
            await db.SaveChangesAsync();
        });

        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));
        var text = string.Join("\n", DigestBuilder.Render(digest, "nl"));

        Assert.Matches(@"(?m)^.*[Hh]ulp gevraagd.*\n(.*\n)*.*Mo Bakker \(Dam\)", text);
    }

    [Fact]
    public async Task The_monthly_digest_in_the_chat_carries_a_chart_per_buurt_and_a_link_to_the_dashboard()
    {
        await GroupAsync("Souburgh", "Dam", members: 1);
        await GroupAsync("Kinderdijk", "Molenkade", members: 2);
        await H.PrivateAsync(People.Carla, "/start");
        await H.DbAsync(async db =>
        {
            var carla = await db.Members.SingleAsync(m => m.ChannelUserId == People.Carla.UserId);
            db.RoleAssignments.Add(new RoleAssignment { MemberId = carla.Id, Role = Role.Coordinator, GrantedAt = Local(2026, 1, 1), GrantedBy = "test" });
            await db.SaveChangesAsync();
        });
        H.Clock.SetUtcNow(Local(2026, 12, 1, 9));

        await H.DbAsync(db => Service.SendAsync(db, DigestPeriod.Month(2026, 11), H.Clock.GetUtcNow()));

        var rows = (await H.OutboxAsync(People.Carla.UserId)).Select(Outbox.ReadPayload).ToList();
        var pictures = rows.Where(r => r.PhotoPath is not null).ToList();
        Assert.Equal(2, pictures.Count);
        Assert.Contains(pictures, p => p.Text.Contains("Souburgh"));
        Assert.Contains(pictures, p => p.Text.Contains("Kinderdijk"));
        foreach (var picture in pictures)
        {
            var bytes = await File.ReadAllBytesAsync(picture.PhotoPath!);
            Assert.True(bytes.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        // Each picture follows the text of its own buurt.
        var souburghText = rows.FindIndex(r => r.PhotoPath is null && r.Text.Contains("🏘 Souburgh"));
        Assert.True(rows[souburghText + 1].PhotoPath is not null && rows[souburghText + 1].Text.Contains("Souburgh"));
        Assert.Contains(rows, r => r.Text.Contains("https://bot.example.nl/beheer"));
    }

    [Fact]
    public async Task A_coordinator_who_reads_english_gets_the_chart_picture_with_english_labels()
    {
        await GroupAsync("Souburgh", "Dam", members: 1);
        await H.DbAsync(async db =>
        {
            foreach (var (id, language) in new[] { ("8101", "nl"), ("8102", "en") })
            {
                var member = new Member { Channel = ChannelKind.Telegram, ChannelUserId = id, PrivateChatId = id, DisplayName = "x", Language = language, CreatedAt = Local(2026, 1, 1) };
                member.Roles.Add(new RoleAssignment { Role = Role.Coordinator, GrantedAt = Local(2026, 1, 1), GrantedBy = "test" });
                db.Members.Add(member);
            }
            await db.SaveChangesAsync();
        });
        H.Clock.SetUtcNow(Local(2026, 12, 1, 9));

        await H.DbAsync(db => Service.SendAsync(db, DigestPeriod.Month(2026, 11), H.Clock.GetUtcNow()));

        async Task<byte[]> PictureOf(string chat) =>
            await File.ReadAllBytesAsync((await H.OutboxAsync(chat)).Select(Outbox.ReadPayload).Single(r => r.PhotoPath is not null && r.Text.Contains("Souburgh")).PhotoPath!);
        var digest = await H.DbAsync(db => Service.BuildAsync(db, DigestPeriod.Month(2026, 11)));
        var souburgh = digest.Sections.Single(s => s.GroupId == null && s.Buurt == "Souburgh");
        Assert.Equal(DigestChart.Png(digest, souburgh, "en"), await PictureOf("8102"));
        Assert.Equal(DigestChart.Png(digest, souburgh, "nl"), await PictureOf("8101"));
        Assert.NotEqual(await PictureOf("8101"), await PictureOf("8102"));
    }
}

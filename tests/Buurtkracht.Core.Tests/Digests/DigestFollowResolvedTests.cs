using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>The digest counts the followers of meldingen and the share of "ja" to "is het opgelost?" per buurt and category.</summary>
public sealed class DigestFollowResolvedTests : HarnessTests
{
    private static DateTimeOffset Local(int y, int m, int d, int h = 12) => EventTime.ToInstant(new DateTime(y, m, d, h, 0, 0));

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Digests:Folder"] = Path.Combine(Path.GetTempPath(), "buurtkracht-core-tests", "digests-" + Guid.NewGuid().ToString("N")),
        });
        h.Clock.SetUtcNow(Local(2026, 12, 2, 13));
        return h;
    }

    private static Figure F(Digest digest, string buurt, string key) =>
        digest.Sections.Single(s => s.GroupId is null && s.Buurt == buurt).Figures.Single(f => f.Key == key);

    [Fact]
    public async Task Followers_and_the_share_of_ja_per_buurt_and_category_are_figures_of_the_period()
    {
        string light = "", roads = "";
        await H.DbAsync(async db =>
        {
            (await db.Buurten.SingleAsync(b => b.Name == "Souburgh")).Streets = ["Dam"];
            var categories = await db.MeldingCategories.Where(c => c.Code == "verlichting" || c.Code == "wegen").ToDictionaryAsync(c => c.Code);
            (light, roads) = (categories["verlichting"].NameNl, categories["wegen"].NameNl);
            var people = Enumerable.Range(1, 5).Select(i => new Member { Channel = ChannelKind.Telegram, ChannelUserId = $"7{i}", DisplayName = $"P{i}", CreatedAt = Local(2026, 1, 1) }).ToList();
            db.Members.AddRange(people);
            Melding M(int seq, MeldingCategory category, string street)
            {
                var melding = new Melding
                {
                    Reference = $"T-{seq}", Year = 2026, Sequence = seq, Theme = category.Theme, CategoryId = category.Id, CategoryName = category.NameNl,
                    Street = street, Description = "x", Channel = ChannelKind.Telegram, ChatId = "70", CreatedAt = Local(2026, 10, 1), UpdatedAt = Local(2026, 11, 1),
                };
                melding.SetStatus(MeldingStatus.Ontvangen, Local(2026, 10, 1));
                melding.SetStatus(MeldingStatus.Afgehandeld, Local(2026, 11, 1));
                return melding;
            }
            var (lamp, road, elsewhere) = (M(1, categories["verlichting"], "Dam"), M(2, categories["wegen"], "Dam"), M(3, categories["verlichting"], "Nergensweg"));
            db.Meldingen.AddRange(lamp, road, elsewhere);
            MeldingFollower Follow(Melding m, Member who, DateTimeOffset at) =>
                new() { Melding = m, Member = who, Channel = ChannelKind.Telegram, ChatId = who.ChannelUserId, CreatedAt = at };
            db.MeldingFollowers.AddRange(Follow(lamp, people[0], Local(2026, 11, 3)), Follow(lamp, people[1], Local(2026, 11, 4)),
                Follow(road, people[2], Local(2026, 10, 20)), Follow(elsewhere, people[3], Local(2026, 11, 5)));
            var chat = 0;
            MeldingFeedback Answer(Melding m, ResolvedAnswer? answer, DateTimeOffset at) => new()
            {
                Melding = m, Channel = ChannelKind.Telegram, ChatId = $"c{++chat}", AskedAt = at, ClosesAt = at.AddDays(14), Answer = answer, AnsweredAt = answer is null ? null : at,
            };
            db.MeldingFeedback.AddRange(
                Answer(lamp, ResolvedAnswer.Ja, Local(2026, 11, 2)), Answer(lamp, ResolvedAnswer.Ja, Local(2026, 11, 3)), Answer(lamp, ResolvedAnswer.Nee, Local(2026, 11, 4)),
                Answer(road, ResolvedAnswer.EenBeetje, Local(2026, 11, 2)), Answer(road, null, Local(2026, 11, 2)),
                Answer(road, ResolvedAnswer.Ja, Local(2026, 10, 15)));
            await db.SaveChangesAsync();
        });

        var digest = await H.DbAsync(db => H.Services.GetRequiredService<DigestService>().BuildAsync(db, DigestPeriod.Month(2026, 11)));

        Assert.Equal((2, 1), (F(digest, "Souburgh", "followers").Value, F(digest, "Souburgh", "followers").Previous));
        Assert.Equal((4, 1), (F(digest, "Souburgh", "resolved-answers").Value, F(digest, "Souburgh", "resolved-answers").Previous));
        Assert.Equal((50, 100), (F(digest, "Souburgh", DigestBuilder.ResolvedYesKey).Value, F(digest, "Souburgh", DigestBuilder.ResolvedYesKey).Previous));
        Assert.Equal(67, F(digest, "Souburgh", $"{DigestBuilder.ResolvedYesKey}:{light}").Value);
        Assert.Equal((0, 100), (F(digest, "Souburgh", $"{DigestBuilder.ResolvedYesKey}:{roads}").Value, F(digest, "Souburgh", $"{DigestBuilder.ResolvedYesKey}:{roads}").Previous));
        // The melding outside the buurt's streets counts for the village, not for Souburgh.
        Assert.Equal(3, digest.Village!.Figures.Single(f => f.Key == "followers").Value);
        Assert.Contains(DigestBuilder.Render(digest, "nl"), line => line.Contains("waarvan 'ja' (%)"));
    }
}

using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Tests.Meldingen;

public sealed class MeldingMigrationTests
{
    [Fact]
    public async Task A_database_before_meldingen_upgrades_keeping_its_rows_and_gets_the_categories_once()
    {
        await using var h = await CoreHarness.StartAsync(initialize: false);
        await h.DbAsync(db => db.GetService<IMigrator>().MigrateAsync("20261122000002_Conversations"));
        using (var connection = h.Database.Open())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO Members (Id, Channel, ChannelUserId, DisplayName, Language, PrivateChatId, PrivateChatUnreachable, CreatedAt)
                    VALUES (1, 'Telegram', '101', 'Anna de Vries', 'nl', '101', 0, 1763884800000);
                INSERT INTO StreetGroups (Id, Channel, ChatId, Title, BuurtId, Streets, IsActive, CreatedAt, LinkedAt, DeactivatedAt)
                    VALUES (1, 'Telegram', '-1001', 'Straatapp Kerkstraat', NULL, '["Kerkstraat"]', 1, 1763884800000, NULL, NULL);
                """;
            insert.ExecuteNonQuery();
        }

        await h.InitializeAsync();

        Assert.Contains("20261122000003_Meldingen", await h.DbAsync(db => db.Database.GetAppliedMigrationsAsync()));
        Assert.Equal("Anna de Vries", (await h.DbAsync(db => db.Members.SingleAsync())).DisplayName);
        Assert.Equal(["Kerkstraat"], (await h.DbAsync(db => db.StreetGroups.SingleAsync())).Streets);
        var categories = await h.DbAsync(db => db.MeldingCategories.OrderBy(c => c.SortOrder).ToListAsync());
        Assert.Equal(MeldingCategorySeed.Rows.Select(r => r.Code), categories.Select(c => c.Code));
        Assert.All(categories, c => Assert.True(c.IsActive));

        // An edit survives every later start: the categories are seeded by the migration only.
        await h.DbAsync(async db =>
        {
            var light = await db.MeldingCategories.SingleAsync(c => c.Code == "verlichting");
            light.NameNl = "Straatverlichting";
            await db.SaveChangesAsync();
        });
        await h.RestartAsync();
        Assert.Equal("Straatverlichting", (await h.DbAsync(db => db.MeldingCategories.SingleAsync(c => c.Code == "verlichting"))).NameNl);
    }
}

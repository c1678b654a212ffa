using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests.Hosting;

/// <summary>What the host refuses and what it shares when it runs as one of several instances.</summary>
public sealed class ScaleOutHostTests
{
    [Fact]
    public async Task A_second_service_on_the_same_SQLite_file_refuses_to_start_and_the_first_keeps_running()
    {
        await using var first = new BotHost();
        var client = await first.StartAsync();
        await using var second = new BotHost(first.DataFolder);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());

        Assert.Contains("Another instance of the service already runs on the SQLite database", refused.Message);
        Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task After_a_clean_stop_the_next_service_on_the_SQLite_file_starts()
    {
        var folder = BotHost.NewDataFolder();
        await using (var first = new BotHost(folder)) await first.StartAsync();
        await using var next = new BotHost(folder);

        Assert.True((await (await next.StartAsync()).GetAsync("/health")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Several_instances_on_SQLite_are_refused_with_the_reason()
    {
        await using var host = new BotHost(settings: new Dictionary<string, string?> { ["Database:Instances"] = "2" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("a SQLite file serves one instance", refused.Message);
    }
}

/// <summary>Hosts on PostgreSQL: polling refused with several instances; two on one database form a Quartz cluster and share one key ring.</summary>
public sealed class ScaleOutPostgresHostTests : IRunsOnPostgres
{
    [DatabaseFact]
    public async Task Several_instances_with_Telegram_long_polling_are_refused_with_the_reason()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Instances"] = "2",
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "Polling",
        };
        await using var host = new BotHost(settings: settings, provider: DatabaseProvider.PostgreSql);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Telegram long polling works for one instance only", refused.Message);
        Assert.Empty(telegram.CallsTo("getUpdates"));
    }

    [DatabaseFact]
    public async Task Two_instances_form_one_Quartz_cluster_and_share_the_data_protection_keys()
    {
        var folder = BotHost.NewDataFolder();
        var settings = new Dictionary<string, string?> { ["Database:Instances"] = "2" };
        await using var first = new BotHost(folder, settings, provider: DatabaseProvider.PostgreSql);
        await first.StartAsync();
        await using var second = new BotHost(folder, settings, provider: DatabaseProvider.PostgreSql);
        await second.StartAsync();

        // Each scheduler checks in with its own generated id.
        await first.WaitForDbAsync(async db =>
            await db.Database.SqlQueryRaw<string>("SELECT instance_name AS \"Value\" FROM qrtz_scheduler_state").CountAsync() == 2);

        // A cookie protected by one instance is read by the other: the key ring is in the database, under one name.
        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("webchat-visitor");
        Assert.Equal("webchat-visitor", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        await using var db = first.OpenDb();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}

using Buurtkracht.Core.Members;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Telegram.Tests;

public sealed class TelegramStartupTests : FakeTelegramTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server.BotUsername = "buurtkracht_alblasserdam_bot";
    }

    private async Task StartAndWaitUntilReadyAsync()
    {
        await Services.StartAsync();
        await Services.Get<TelegramStartup>().Ready.WaitAsync(Wait);
    }

    [Fact]
    public async Task GetMe_gives_the_username_for_private_chat_links()
    {
        await StartAndWaitUntilReadyAsync();

        Assert.Equal("https://t.me/buurtkracht_alblasserdam_bot?start=x", Services.Get<TelegramChannel>().PrivateChatLink("x"));
    }

    [Fact]
    public async Task Commands_are_set_per_scope_in_every_shipped_language_residents_theirs_and_group_admins_also_theirs()
    {
        await StartAndWaitUntilReadyAsync();

        var calls = Server.CallsTo("setMyCommands");
        string Names(string scope, string? language) => string.Join(",", calls
            .Single(c => c.Parameters["scope"]!["type"]!.GetValue<string>() == scope && c.Text("language_code") == language)
            .Parameters["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()));
        // Every scope once in Dutch (no language_code, for every other app language) and once per other shipped language.
        Assert.Equal(3 * Languages.Shipped.Count, calls.Count);
        foreach (var language in Languages.Shipped.Select(l => l.Code == Languages.Dutch ? null : l.Code))
        {
            // Residents in a group; a group's admins also /koppel; residents privately, without group-only or role commands.
            Assert.Equal("help", Names("default", language));
            Assert.Equal("help,koppel", Names("all_chat_administrators", language));
            Assert.Equal("help,melding", Names("all_private_chats", language));
        }
        var help = Services.Get<ICommandCatalog>().Commands.Single(c => c.Name == "help");
        var arabic = calls.First(c => c.Text("language_code") == "ar").Parameters["commands"]![0]!;
        Assert.Equal(help.Description("ar"), arabic["description"]!.GetValue<string>());
        var english = calls.First(c => c.Text("language_code") == "en").Parameters["commands"]![0]!;
        Assert.Equal("What can the bot do?", english["description"]!.GetValue<string>());
        var dutch = calls.First(c => c.Text("language_code") is null).Parameters["commands"]![0]!;
        Assert.Equal("Wat kan de bot?", dutch["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_command_menu_row_sets_the_private_chat_scope_of_a_coordinator_in_every_shipped_language()
    {
        var result = await Services.Get<TelegramChannel>().SendAsync("4242",
            new OutgoingMessage { Text = "", CommandMenu = [CommandAudience.Everyone, CommandAudience.RoleHolders, CommandAudience.Coordinators] },
            null, CancellationToken.None);

        Assert.Equal(new SendResult.Sent(null), result);
        var calls = Server.CallsTo("setMyCommands");
        Assert.Equal(Languages.Shipped.Count, calls.Count);
        Assert.All(calls, c => Assert.Equal("""{"type":"chat","chat_id":4242}""", c.Parameters["scope"]!.ToJsonString()));
        Assert.All(calls, c => Assert.Equal(["help", "melding", "omroep", "beheer"],
            c.Parameters["commands"]!.AsArray().Select(n => n!["command"]!.GetValue<string>())));
        Assert.Empty(Server.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task An_unsupported_method_is_a_warning_and_startup_carries_on()
    {
        Server.NotSupported("setMyCommands");

        await StartAndWaitUntilReadyAsync();

        Assert.Single(Server.CallsTo("setMyCommands"));
        await Server.WaitForCallAsync("deleteWebhook", Wait);
        await Server.WaitForCallAsync("getUpdates", Wait);
        Assert.Contains(Services.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("did not accept setMyCommands (404 Not Found)"));
    }

    [Fact]
    public async Task A_failing_getMe_is_retried_in_the_background_while_the_bot_runs()
    {
        Server.ServerError("getMe", times: 2);
        var id = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "hallo"));

        await StartAndWaitUntilReadyAsync();
        await Services.Handler.WaitForCountAsync(1, Wait);
        await Server.WaitForCallAsync(call => call.Method == "getMe" && Server.CallsTo("getMe").Count == 3, Wait);
        await Task.WhenAll(Services.Services.GetServices<IHostedService>().OfType<TelegramStartup>().Select(s => s.ExecuteTask!));

        Assert.Equal($"tg:{id}", Services.Handler.Received[0].UpdateId);
        Assert.Equal("buurtkracht_alblasserdam_bot", Services.Get<TelegramBotIdentity>().Username);
        Assert.Contains(Services.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("did not accept getMe (500"));
    }

    [Fact]
    public async Task An_unreachable_telegram_never_stops_startup()
    {
        await using var nowhere = new TelegramTestServices(Server, new Dictionary<string, string?> { ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:1" });

        await nowhere.StartAsync();
        await nowhere.Get<TelegramStartup>().Ready.WaitAsync(Wait);

        Assert.False(nowhere.Get<TelegramStartup>().ExecuteTask!.IsFaulted);
        Assert.Contains(nowhere.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Telegram getMe failed"));
    }
}

public class TelegramRegistrationTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("1:abc", true)]
    public void Telegram_is_configured_by_its_token(string? token, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telegram:BotToken"] = token }).Build();

        Assert.Equal(expected, configuration.IsTelegramConfigured());
    }

    [Fact]
    public void Without_a_token_nothing_is_registered()
    {
        var services = new ServiceCollection().AddTelegramChannel(new ConfigurationBuilder().Build());

        Assert.Empty(services);
    }

    [Fact]
    public void Options_bind_with_their_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "1:abc",
            ["Telegram:Mode"] = "Webhook",
        }).Build();
        var provider = new ServiceCollection().AddTelegramChannel(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelegramOptions>>().Value;

        Assert.Equal(TelegramMode.Webhook, options.Mode);
        Assert.Equal("https://api.telegram.org", options.ApiBaseUrl);
        Assert.Equal(25, options.PollingTimeoutSeconds);
        Assert.Equal(10 * 1024 * 1024, options.MaxPhotoBytes);
        Assert.DoesNotContain("abc", options.ToString());
        Assert.Equal(1, provider.GetRequiredService<TelegramBotIdentity>().BotId);
    }
}

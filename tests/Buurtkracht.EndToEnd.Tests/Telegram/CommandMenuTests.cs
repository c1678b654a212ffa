using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Buurtkracht.Testing;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

/// <summary>Issue 13: commands per scope and language; /help shows a person only the commands they may use.</summary>
public sealed class CommandMenuTests
{
    private const long Anna = 6301;
    private const long Carla = 6302;
    private const long Group = -100890;

    private static IReadOnlyList<string> Names(RecordedCall call) =>
        call.Parameters["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();

    private static bool ChatScope(RecordedCall call, long chat) =>
        call.Method == "setMyCommands" && call.Parameters["scope"]?["type"]?.GetValue<string>() == "chat"
        && call.Text("language_code") is null && call.Parameters["scope"]?["chat_id"]?.ToString() == chat.ToString();

    [Fact]
    public async Task Residents_see_their_commands_group_admins_also_theirs_and_a_coordinator_hers_privately_until_revoked()
    {
        await using var bot = await TelegramBot.StartAsync();
        // The admins' list in the last shipped language (Polski) is the last one start-up sets.
        await bot.Telegram.WaitForCallAsync(c => c.Method == "setMyCommands" && c.Parameters["scope"]?["type"]?.GetValue<string>() == "all_chat_administrators"
            && c.Text("language_code") == "pl", TelegramBot.Patience);
        var calls = bot.Telegram.CallsTo("setMyCommands");
        var residents = Names(calls.Single(c => c.Parameters["scope"]!["type"]!.GetValue<string>() == "all_private_chats" && c.Text("language_code") is null));
        var admins = Names(calls.Single(c => c.Parameters["scope"]!["type"]!.GetValue<string>() == "all_chat_administrators" && c.Text("language_code") == "en"));
        Assert.Contains("melding", residents);
        Assert.DoesNotContain("omroep", residents);
        Assert.DoesNotContain("activiteit", residents);
        Assert.DoesNotContain("beheer", residents);
        Assert.DoesNotContain("koppel", residents);
        Assert.Contains("koppel", admins);
        Assert.Contains("meldingmelden", admins);

        // A resident's /help lists no coördinator command.
        bot.Send(Command(Anna, Anna, "/help"));
        var help = await bot.ReplyAsync(Anna, "Dit kan ik voor je doen");
        Assert.DoesNotContain("/omroep", help.Text("text"));
        Assert.DoesNotContain("/activiteit", help.Text("text"));
        Assert.DoesNotContain("/beheer", help.Text("text"));
        Assert.Contains("/melding", help.Text("text"));

        // Carla has a private chat, then becomes coördinator: her chat gets her menu, and her /help lists them.
        bot.Send(Command(Carla, Carla, "/start"));
        await bot.ReplyAsync(Carla, "Hoi");
        await AccessCli.OkAsync(bot.Host, "roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator");
        var granted = await bot.Telegram.WaitForCallAsync(c => ChatScope(c, Carla), TelegramBot.Patience);
        Assert.Contains("omroep", Names(granted));
        Assert.Contains("activiteit", Names(granted));
        Assert.Contains("beheer", Names(granted));
        Assert.Contains("melding", Names(granted));
        await bot.Telegram.WaitForCallAsync(c => ChatScope(c, Carla) is false && c.Method == "setMyCommands"
            && c.Text("language_code") == "en" && c.Parameters["scope"]?["chat_id"]?.ToString() == Carla.ToString(), TelegramBot.Patience);
        bot.Send(Command(Carla, Carla, "/help"));
        var coordinatorHelp = await bot.Telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString()
            && (c.Text("text") ?? "").Contains("Dit kan ik voor je doen"), TelegramBot.Patience);
        Assert.Contains("/omroep", coordinatorHelp.Text("text"));
        Assert.Contains("/activiteit", coordinatorHelp.Text("text"));

        // Revoked: her chat's menu is the residents' again.
        var before = bot.Telegram.CallsTo("setMyCommands").Count(c => ChatScope(c, Carla));
        await AccessCli.OkAsync(bot.Host, "roles", "revoke", "--member", $"telegram:{Carla}", "--role", "coordinator");
        var revoked = await bot.Telegram.WaitForCallAsync(c => ChatScope(c, Carla)
            && bot.Telegram.CallsTo("setMyCommands").Count(x => ChatScope(x, Carla)) > before && !Names(c).Contains("omroep"), TelegramBot.Patience);
        Assert.Equal(residents, Names(revoked));
    }

    [Fact]
    public async Task A_restart_sends_the_role_holders_menus_again_only_when_the_commands_changed()
    {
        await using var bot = await TelegramBot.StartAsync();
        bot.Send(Command(Carla, Carla, "/start"));
        await bot.ReplyAsync(Carla, "Hoi");
        await AccessCli.OkAsync(bot.Host, "roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator");
        await bot.Telegram.WaitForCallAsync(c => ChatScope(c, Carla), TelegramBot.Patience);
        await bot.Host.WaitForDbAsync(db => db.OutboxMessages.AllAsync(o => o.Status != OutboxStatus.Pending));
        async Task<int> RowsToCarlaAsync()
        {
            await using var db = bot.Host.OpenDb();
            return await db.OutboxMessages.CountAsync(o => o.ChatId == Carla.ToString());
        }

        // Same release: the start-up check finds the commands unchanged and queues nothing.
        var before = await RowsToCarlaAsync();
        await bot.RestartAsync();
        await bot.Host.Services.GetRequiredService<CommandMenuSync>().Done;
        Assert.Equal(before, await RowsToCarlaAsync());

        // A release whose commands differ (here: the stored hash is an older one): her menu is sent again, with her commands.
        await using (var db = bot.Host.OpenDb())
            await db.SyncMarks.Where(m => m.Name == CommandMenuSync.MarkName).ExecuteUpdateAsync(m => m.SetProperty(x => x.Hash, "older release"));
        var menusBefore = bot.Telegram.CallsTo("setMyCommands").Count(c => ChatScope(c, Carla));
        await bot.RestartAsync();
        await bot.Host.Services.GetRequiredService<CommandMenuSync>().Done;
        var resent = await bot.Telegram.WaitForCallAsync(c => ChatScope(c, Carla)
            && bot.Telegram.CallsTo("setMyCommands").Count(x => ChatScope(x, Carla)) > menusBefore, TelegramBot.Patience);
        Assert.Contains("omroep", Names(resent));
        Assert.Equal(before + 1, await RowsToCarlaAsync());
        await using (var db = bot.Host.OpenDb())
            Assert.NotEqual("older release", (await db.SyncMarks.SingleAsync(m => m.Name == CommandMenuSync.MarkName)).Hash);
    }

    [Fact]
    public async Task In_a_group_help_shows_koppel_to_its_admin_and_not_to_a_resident()
    {
        await using var bot = await TelegramBot.StartAsync();
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Anna.ToString(), "administrator");
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Carla.ToString(), "member");

        bot.Send(Command(Group, Carla, "/help"));
        var resident = await bot.ReplyAsync(Group, "Dit kan ik voor je doen");
        bot.Send(Command(Group, Anna, "/help"));
        await bot.Telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("/koppel"), TelegramBot.Patience);

        Assert.DoesNotContain("/koppel", resident.Text("text"));
        Assert.DoesNotContain("/meldingmelden", resident.Text("text"));
    }
}

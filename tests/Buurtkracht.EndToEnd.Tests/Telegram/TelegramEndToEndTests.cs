using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

public class TelegramEndToEndTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private const long Anna = 5001;
    private const long Piet = 5002;
    private const long Group = -100777;

    [DatabaseFact]
    public async Task Start_and_help_in_a_private_chat()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);

        bot.Send(Command(Anna, Anna, "/start"));
        var welcome = await bot.ReplyAsync(Anna, "Hoi Jan!");
        Assert.Equal("HTML", welcome.Text("parse_mode"), ignoreCase: true); // the Bot API reads it without regard to case; Telegram.Bot sends "Html"

        bot.Send(Command(Anna, Anna, "/help"));
        var help = await bot.ReplyAsync(Anna, "Dit kan ik voor je doen");
        Assert.Contains("/taal", help.Text("text"));
        Assert.DoesNotContain("/koppel", help.Text("text"));

        // Start-up told Telegram the command menu.
        var commands = await bot.Telegram.WaitForCallAsync("setMyCommands", TelegramBot.Patience);
        Assert.Contains("help", commands.Text("commands"));
    }

    [DatabaseFact]
    public async Task A_group_admin_links_the_group_and_a_non_admin_is_refused()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Anna.ToString(), "administrator");
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Piet.ToString(), "member");
        bot.Telegram.SetAdmins(Group.ToString(), (Anna, "Anna", "administrator", false), (7000001, "Buurtkracht", "administrator", true));

        bot.Send(BotAddedToGroup(Group, Anna, bot.Telegram.BotId, bot.Telegram.BotUsername));
        // Telegram reports the same arrival a second time as my_chat_member; the group is greeted once.
        bot.Send(MyChatMember(Group, Anna, bot.Telegram.BotId, "left", "member"));
        await bot.ReplyAsync(Group, "typ /koppel");

        bot.Send(Command(Group, Piet, "/koppel"));
        await bot.ReplyAsync(Group, "Alleen een beheerder");

        bot.Send(Command(Group, Anna, "/koppel"));
        var question = await bot.ReplyAsync(Group, "Bij welke buurt hoort deze groep?");
        Assert.Contains("Schildersbuurt", question.Text("reply_markup"));

        bot.Send(CallbackQuery(Group, Anna, "buurt:2", messageId: 3));
        await bot.ReplyAsync(Group, "Welke straten horen bij deze groep?");
        await bot.Telegram.WaitForCallAsync("answerCallbackQuery", TelegramBot.Patience);

        bot.Send(Text(Group, Anna, "Pieter de Hooghstraat, Rembrandtstraat"));
        await bot.ReplyAsync(Group, "Gelukt! Deze groep is nu gekoppeld aan Schildersbuurt.");
        Assert.Single(bot.MessagesTo(Group), c => c.Text("text")!.Contains("typ /koppel"));

        await using var db = bot.Host.OpenDb();
        var group = await db.StreetGroups.Include(g => g.Buurt).SingleAsync();
        Assert.Equal("Schildersbuurt", group.Buurt!.Name);
        Assert.Equal(["Pieter de Hooghstraat", "Rembrandtstraat"], group.Streets);
        var moderators = await db.RoleAssignments.Where(r => r.Role == Role.Moderator && r.GroupId == group.Id)
            .Select(r => r.Member!.ChannelUserId).ToListAsync();
        Assert.Equal([Anna.ToString()], moderators);
    }

    [DatabaseFact]
    public async Task A_private_command_in_a_group_answers_with_a_deep_link()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);

        bot.Send(Command(Group, Piet, "/taal"));

        var pointer = await bot.ReplyAsync(Group, $"https://t.me/{bot.Telegram.BotUsername}?start=taal");
        Assert.Single(bot.MessagesTo(Group));
        Assert.Null(pointer.Text("reply_markup"));
    }

    [DatabaseFact]
    public async Task A_dialog_resumes_at_the_same_step_after_a_restart()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Anna.ToString(), "creator");
        bot.Send(Command(Group, Anna, "/koppel"));
        await bot.ReplyAsync(Group, "Bij welke buurt");
        bot.Send(CallbackQuery(Group, Anna, "buurt:1"));
        await bot.ReplyAsync(Group, "Welke straten");

        await bot.RestartAsync();

        bot.Send(Text(Group, Anna, "Thorbeckestraat"));
        await bot.ReplyAsync(Group, "gekoppeld aan Staatsliedenbuurt");
    }

    [DatabaseFact]
    public async Task The_same_update_delivered_twice_is_processed_once()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        var start = Command(Anna, Anna, "/start");
        start["update_id"] = 4242L;

        bot.Send(start);
        await bot.ReplyAsync(Anna, "Hoi");
        bot.Send((System.Text.Json.Nodes.JsonObject)start.DeepClone());
        // Updates are handled in order, so once /help is answered the duplicate has been seen.
        bot.Send(Command(Anna, Anna, "/help"));
        await bot.ReplyAsync(Anna, "Dit kan ik voor je doen");

        Assert.Single(bot.MessagesTo(Anna), c => c.Text("text")!.Contains("Hoi"));
    }

    [DatabaseFact]
    public async Task A_429_is_retried_no_earlier_than_retry_after()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        bot.Telegram.RateLimit("sendMessage", Anna.ToString(), times: 1, retryAfterSeconds: 2);

        bot.Send(Command(Anna, Anna, "/start"));

        var delivered = await bot.Telegram.WaitForCallAsync(
            c => c.Method == "sendMessage" && c.ChatId == Anna.ToString() && c.At > bot.MessagesTo(Anna)[0].At, TelegramBot.Patience);
        var attempts = bot.MessagesTo(Anna);
        Assert.Equal(2, attempts.Count);
        Assert.True(delivered.At - attempts[0].At >= TimeSpan.FromSeconds(2), $"retried after {delivered.At - attempts[0].At}");
        await using var db = bot.Host.OpenDb();
        var row = await bot.Host.SettledOutboxRowAsync((await db.OutboxMessages.SingleAsync()).Id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        // Two requests, one attempt: being throttled is not a failed attempt.
        Assert.Equal(1, row.Attempts);
    }

    [DatabaseFact]
    public async Task A_403_marks_the_chat_unreachable_instead_of_retrying()
    {
        await using var bot = await TelegramBot.StartAsync(provider: Provider);
        bot.Telegram.BlockChat(Anna.ToString());

        bot.Send(Command(Anna, Anna, "/start"));
        await bot.Telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString(), TelegramBot.Patience);

        await using var db = bot.Host.OpenDb();
        var row = await bot.Host.SettledOutboxRowAsync((await db.OutboxMessages.SingleAsync()).Id);
        Assert.Equal(OutboxStatus.Unreachable, row.Status);
        Assert.True((await db.Members.SingleAsync(m => m.ChannelUserId == Anna.ToString())).PrivateChatUnreachable);
        Assert.Single(bot.MessagesTo(Anna));
    }
}

/// <summary>Start, linking, restart and delivery over Telegram on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class TelegramEndToEndTestsOnPostgres : TelegramEndToEndTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

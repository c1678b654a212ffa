using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

/// <summary>
/// A Telegram group upgraded to a supergroup gets a new chat id: the linked street group follows it, whether the bot
/// learns of it from the service messages or from the 400 answer to a send.
/// </summary>
public sealed class SupergroupMoveTests
{
    private const long Anna = 5201;
    private const long OldGroup = -5201;
    private const long Supergroup = -1005201;
    private const string Buurt = "Souburgh";

    /// <summary>The bot added to the basic group (its greeting delivered), the group linked to <see cref="Buurt"/>.</summary>
    private static async Task<int> LinkedGroupAsync(TelegramBot bot)
    {
        bot.Send(BotAddedToGroup(OldGroup, Anna, bot.Telegram.BotId, bot.Telegram.BotUsername));
        await bot.Telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == OldGroup.ToString(), TelegramBot.Patience);
        var groupId = await bot.Host.LinkGroupAsync(OldGroup.ToString(), Buurt);
        await using var db = bot.Host.OpenDb();
        var greetingRow = await db.OutboxMessages.Where(o => o.ChatId == OldGroup.ToString()).Select(o => o.Id).SingleAsync();
        Assert.Equal(OutboxStatus.Sent, (await bot.Host.SettledOutboxRowAsync(greetingRow)).Status);
        return groupId;
    }

    [Fact]
    public async Task After_the_upgrade_messages_the_linked_group_gets_its_buurts_broadcast_at_the_new_id()
    {
        await using var bot = await TelegramBot.StartAsync(settings: new Dictionary<string, string?> { ["Broadcasts:SweepInterval"] = "00:00:01" });
        var groupId = await LinkedGroupAsync(bot);

        var (inOld, inNew) = GroupUpgraded(OldGroup, Supergroup, Anna);
        bot.Send(inOld);
        bot.Send(inNew);
        await bot.Host.WaitForDbAsync(db => db.StreetGroups.AnyAsync(g => g.Id == groupId && g.ChatId == Supergroup.ToString()));

        var stderr = new StringWriter();
        var cli = new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = $"Data Source={bot.Host.DatabasePath}" };
        var exitCode = await AdminCli.RunAsync(["broadcast", "send", "--audience", $"buurt:{Buurt}", "--text", "Zaterdag buurtschoonmaak"], new StringWriter(), stderr, cli);
        Assert.True(exitCode == 0, stderr.ToString());

        await bot.ReplyAsync(Supergroup, "Zaterdag buurtschoonmaak");
        await using var check = bot.Host.OpenDb();
        var group = await check.StreetGroups.SingleAsync();
        Assert.Equal((groupId, Supergroup.ToString(), true), (group.Id, group.ChatId, group.IsActive));
        Assert.NotNull(group.BuurtId);
        Assert.Single(bot.MessagesTo(OldGroup));
    }

    [Fact]
    public async Task Pending_messages_to_the_old_id_are_answered_migrated_and_delivered_once_in_order_at_the_new_id()
    {
        await using var bot = await TelegramBot.StartAsync();
        var groupId = await LinkedGroupAsync(bot);
        bot.Telegram.MigrateChat(OldGroup.ToString(), Supergroup);

        var texts = new[] { "Herinnering 1", "Herinnering 2", "Herinnering 3" };
        var ids = new List<long>();
        await using (var db = bot.Host.OpenDb())
        {
            var rows = texts.Select(text => Outbox.Enqueue(db, new ChatAddress(ChannelKind.Telegram, OldGroup.ToString()), ChatKind.Group,
                OutgoingMessage.Plain(text), DateTimeOffset.UtcNow)).ToList();
            await db.SaveChangesAsync();
            ids.AddRange(rows.Select(r => r.Id));
        }

        foreach (var id in ids)
        {
            var row = await bot.Host.SettledOutboxRowAsync(id);
            Assert.Equal((OutboxStatus.Sent, Supergroup.ToString()), (row.Status, row.ChatId));
        }
        Assert.Equal(texts, bot.MessagesTo(Supergroup).Select(c => c.Text("text")));
        // One refused attempt at the old id, then nothing more goes there.
        Assert.Equal(["Herinnering 1"], bot.MessagesTo(OldGroup).Skip(1).Select(c => c.Text("text")));
        await using var check = bot.Host.OpenDb();
        var group = await check.StreetGroups.SingleAsync();
        Assert.Equal((groupId, Supergroup.ToString(), true), (group.Id, group.ChatId, group.IsActive));
    }
}

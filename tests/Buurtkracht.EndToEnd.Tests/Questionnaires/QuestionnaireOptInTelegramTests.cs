using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Questionnaires;

/// <summary>/peilingen through the fake Bot API, then a CLI send to the opted-in residents of one buurt.</summary>
public sealed class QuestionnaireOptInTelegramTests
{
    private const long Anna = 6201;
    private const long Bram = 6202;
    private const long Group = -100778;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static Task<RecordedCall> ReplyAsync(FakeTelegramServer telegram, long chat, string fragment) =>
        telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == chat.ToString() && (c.Text("text") ?? "").Contains(fragment), Patience);

    [Fact]
    public async Task Residents_sign_up_with_buttons_and_a_send_to_their_buurt_reaches_only_its_opted_in_residents()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = QuestionnairesTelegramTests.Host(telegram, BotHost.NewDataFolder());
        await host.StartAsync();
        int souburgh, centrum;
        await using (var db = host.OpenDb())
        {
            souburgh = await db.Buurten.Where(b => b.Name == "Souburgh").Select(b => b.Id).SingleAsync();
            centrum = await db.Buurten.Where(b => b.Name == "Centrum").Select(b => b.Id).SingleAsync();
        }

        // In the group the command points to the private chat.
        telegram.EnqueueUpdate(GroupText(Group, Anna, "Goedemorgen buren"));
        telegram.EnqueueUpdate(Command(Group, Anna, "/peilingen"));
        var pointer = await ReplyAsync(telegram, Group, "Dit doe je in een privégesprek met mij");
        Assert.Contains($"https://t.me/{telegram.BotUsername}?start=peilingen", pointer.Text("text"));

        // Anna follows the link and signs up for Souburgh with a button; typed text gets a clear word.
        telegram.EnqueueUpdate(Command(Anna, Anna, "/start peilingen"));
        await ReplyAsync(telegram, Anna, "Buurtpeilingen zijn korte vragenlijsten");
        var overview = await ReplyAsync(telegram, Anna, "Je krijgt nu geen buurtpeilingen");
        Assert.Contains($"peiling:aan:{souburgh}", overview.Text("reply_markup"));
        telegram.EnqueueUpdate(PrivateText(Anna, "Souburgh"));
        await ReplyAsync(telegram, Anna, "Kies een knop hieronder");
        telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, $"peiling:aan:{souburgh}", messageId: 31));
        await ReplyAsync(telegram, Anna, "Je bent aangemeld voor Souburgh");
        var signedUp = await ReplyAsync(telegram, Anna, "Je krijgt buurtpeilingen van: Souburgh.");
        Assert.Contains("Afmelden: Souburgh", signedUp.Text("reply_markup"));
        telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "peiling:klaar", messageId: 32));
        await ReplyAsync(telegram, Anna, "Typ dan weer /peilingen");

        // Bram signs up for Centrum only.
        telegram.EnqueueUpdate(Command(Bram, Bram, "/peilingen"));
        await ReplyAsync(telegram, Bram, "Je krijgt nu geen buurtpeilingen");
        telegram.EnqueueUpdate(CallbackQuery(Bram, Bram, $"peiling:aan:{centrum}", messageId: 41));
        await ReplyAsync(telegram, Bram, "Je bent aangemeld voor Centrum");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await AdminCli.RunAsync(["questionnaires", "send", "buurtpeiling", "--opted-in", "Souburgh"], stdout, stderr,
            new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = $"Data Source={host.DatabasePath}" });
        Assert.True(exit == 0, stderr.ToString());
        var invite = await ReplyAsync(telegram, Anna, "Vragenlijst: Buurtpeiling");
        Assert.Contains("vl:1", invite.Text("reply_markup"));

        await using (var db = host.OpenDb())
        {
            var invites = await db.OutboxMessages.AsNoTracking().Where(o => o.PayloadJson.Contains("Vragenlijst: Buurtpeiling")).ToListAsync();
            var row = Assert.Single(invites);
            Assert.Equal((Anna.ToString(), ChatKind.Private), (row.ChatId, row.ChatKind));
            Assert.Equal(OutboxStatus.Sent, (await host.SettledOutboxRowAsync(row.Id)).Status);
        }
        Assert.DoesNotContain(telegram.CallsTo("sendMessage"), c => c.ChatId == Bram.ToString() && (c.Text("text") ?? "").Contains("Vragenlijst"));

        telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "vl:1", messageId: 33));
        await ReplyAsync(telegram, Anna, "Vraag 1 van 5");
    }
}

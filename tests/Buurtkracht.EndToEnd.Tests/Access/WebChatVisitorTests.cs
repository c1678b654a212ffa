using System.Text.Json;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Meldingen;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Access;

/// <summary>
/// A stranger in the web chat, beside a real Telegram town: whatever the visitor posts, they hold no role, link to no
/// real buurt, are in no broadcast's audience, and their melding is a demo that no sink gets.
/// </summary>
public sealed class WebChatVisitorTests
{
    private const long Carla = 7101;
    private const long Anna = 7102;
    private const long TelegramGroup = -7100;

    [Fact]
    public async Task A_web_chat_visitor_links_only_to_the_demo_buurt_holds_no_role_and_is_in_no_broadcast()
    {
        await using var bot = await TelegramBot.StartAsync(settings: new Dictionary<string, string?> { ["WebChat:Enabled"] = "true" });
        var group = new WebChatClient(bot.Host.CreateClient(), "stranger", chat: "group", userName: "Onbekende");
        int souburgh, demo;
        await using (var db = bot.Host.OpenDb())
        {
            souburgh = await db.Buurten.Where(b => b.Name == "Souburgh").Select(b => b.Id).SingleAsync();
            demo = await db.Buurten.Where(b => b.IsDemo).Select(b => b.Id).SingleAsync();
        }

        // The demo group offers the demo buurt only: no real buurt, no "andere buurt".
        await MeldingEndToEndTests.SayUntilAsync(group, "typ /koppel", choice: null, text: null, evt: "bot-added");
        var question = await MeldingEndToEndTests.SayUntilAsync(group, "Bij welke buurt hoort deze groep?", text: "/koppel");
        Assert.Equal([Buurt.DemoName], Labels(question));
        // A hand-made post of a real buurt's button, or of "andere buurt", is refused and the question repeats.
        await MeldingEndToEndTests.SayUntilAsync(group, "knop", choice: $"buurt:{souburgh}");
        await MeldingEndToEndTests.SayUntilAsync(group, "knop", choice: "buurt:other");
        await MeldingEndToEndTests.SayUntilAsync(group, "Welke straten", choice: $"buurt:{demo}");
        await MeldingEndToEndTests.SayUntilAsync(group, "Dit is de demogroep", choice: "straten:skip");

        await using (var db = bot.Host.OpenDb())
        {
            var webGroup = await db.StreetGroups.SingleAsync(g => g.Channel == ChannelKind.WebChat);
            Assert.Equal(demo, webGroup.BuurtId);
            Assert.Empty(await db.RoleAssignments.ToListAsync());
        }

        // The CLI refuses every role for the visitor too, and stores nothing.
        string visitor;
        await using (var db = bot.Host.OpenDb())
            visitor = await db.Members.Where(m => m.Channel == ChannelKind.WebChat).Select(m => m.ChannelUserId).SingleAsync();
        foreach (var role in new[] { new[] { "--role", "coordinator" }, ["--role", "moderator", "--group", "1"] })
        {
            var (exit, _, stderr) = await AccessCli.RunAsync(bot.Host, ["roles", "grant", "--member", $"webchat:{visitor}", .. role]);
            Assert.Equal(1, exit);
            Assert.Contains("web chat visitor", stderr);
        }

        // A Telegram admin never sees the demo buurt among the buttons.
        bot.Telegram.SetChatMemberStatus(TelegramGroup.ToString(), Anna.ToString(), "administrator");
        bot.Send(Command(TelegramGroup, Anna, "/koppel"));
        var telegramQuestion = await bot.ReplyAsync(TelegramGroup, "Bij welke buurt hoort deze groep?");
        Assert.Contains("Souburgh", telegramQuestion.Text("reply_markup"));
        Assert.DoesNotContain(Buurt.DemoName, telegramQuestion.Text("reply_markup"));
        Assert.DoesNotContain(Buurt.DemoName, await AccessCli.OkAsync(bot.Host, "buurten", "list"));

        // Broadcasts to every audience reach the Telegram group and the Telegram moderator, never the web chat.
        bot.Send(PrivateText(Carla, "/start"));
        await bot.ReplyAsync(Carla, "Welkom");
        await AccessCli.OkAsync(bot.Host, "roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator");
        foreach (var audience in new[] { "all", "buurt:Demobuurt", "moderators", "groups:1,2" })
            await AccessCli.RunAsync(bot.Host, "broadcast", "send", "--audience", audience, "--text", "Bericht voor iedereen");
        await using (var db = bot.Host.OpenDb())
        {
            var broadcastRows = await db.OutboxMessages.Where(o => o.PayloadJson.Contains("Bericht voor iedereen")).ToListAsync();
            Assert.NotEmpty(broadcastRows);
            Assert.DoesNotContain(broadcastRows, o => o.Channel == ChannelKind.WebChat);
        }
    }

    [Fact]
    public async Task A_web_chat_melding_is_kept_as_a_demo_and_forwarded_to_no_sink()
    {
        await using var host = new BotHost();
        var chat = new WebChatClient(await host.StartAsync(), "melder", userName: "Bea Bewoner");

        await MeldingEndToEndTests.SayUntilAsync(chat, "Waar gaat je melding over?", text: "/melding");
        await MeldingEndToEndTests.SayUntilAsync(chat, "Wat past het best?", choice: "thema:Schoon");
        int afval;
        await using (var db = host.OpenDb()) afval = await db.MeldingCategories.Where(c => c.Code == "afval").Select(c => c.Id).SingleAsync();
        await MeldingEndToEndTests.SayUntilAsync(chat, "Waar is het?", choice: $"cat:{afval}");
        await MeldingEndToEndTests.SayUntilAsync(chat, "Wat is er aan de hand?", text: "Kerkstraat 12");
        // The web chat takes photos too now.
        await MeldingEndToEndTests.SayUntilAsync(chat, "Heb je een foto?", text: "Er ligt veel zwerfafval rond de container.");
        await MeldingEndToEndTests.SayUntilAsync(chat, "Wil je anoniem melden", choice: "fotos:klaar");
        await MeldingEndToEndTests.SayUntilAsync(chat, "Kijk of alles klopt", choice: "contact:anoniem");
        await MeldingEndToEndTests.SayUntilAsync(chat, "Je melding is ontvangen", choice: "samenvatting:versturen");

        await using var check = host.OpenDb();
        var melding = await check.Meldingen.AsNoTracking().Include(m => m.Forwards).SingleAsync();
        Assert.True(melding.IsDemo);
        Assert.Empty(melding.Forwards);
    }

    private static List<string> Labels(JsonElement reply) =>
        reply.GetProperty("choices").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(c => c.GetProperty("label").GetString()!).ToList();
}

using System.Text;
using System.Text.Json;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Privacy;

/// <summary>/privacy, /mijngegevens and /vergeetmij through the real host against the fake Bot API.</summary>
public sealed class PrivacyTelegramTests
{
    private const long Anna = 6301;
    private const long Group = -100630;

    [Fact]
    public async Task A_resident_reads_the_privacy_text_gets_her_data_as_documents_and_has_herself_forgotten()
    {
        await using var bot = await TelegramBot.StartAsync();
        bot.Send(GroupText(Group, Anna, "Hallo buren"));
        bot.Send(Command(Anna, Anna, "/start"));
        await bot.ReplyAsync(Anna, "Hoi Jan");

        bot.Send(Command(Anna, Anna, "/privacy"));
        var privacy = await bot.ReplyAsync(Anna, "Privacy bij de Buurtkracht-bot");
        Assert.Contains("/mijngegevens", privacy.Text("text"));
        Assert.Contains("www.alblasserdam.nl", privacy.Text("text"));

        // The data: a short message and two documents, sent like the .ics file.
        bot.Send(Command(Anna, Anna, "/mijngegevens"));
        await bot.ReplyAsync(Anna, "Hier is alles wat ik over je weet");
        // The JSON goes last: the outbox keeps a chat's order.
        await bot.Telegram.WaitForCallAsync(c => c.Method == "sendDocument" && c.ChatId == Anna.ToString() && (c.Text("caption") ?? "").Contains("(JSON)"), TelegramBot.Patience);
        var documents = bot.Telegram.CallsTo("sendDocument").Where(c => c.ChatId == Anna.ToString()).ToList();
        var contents = documents.Select(d => Encoding.UTF8.GetString(Assert.Single(d.Files).Value)).ToList();
        var json = JsonDocument.Parse(Assert.Single(contents, c => c.TrimStart().StartsWith('{'))).RootElement;
        Assert.Equal("Jan Jansen", json.GetProperty("member").GetProperty("name").GetString());
        Assert.Equal(GroupTitle, json.GetProperty("groups")[0].GetProperty("group").GetString());
        Assert.Contains(contents, c => c.Contains("Naam: Jan Jansen") && c.Contains("== Groepen (1) =="));

        // Forgetting: a question with two buttons, then done.
        bot.Send(Command(Anna, Anna, "/vergeetmij"));
        var ask = await bot.ReplyAsync(Anna, "Weet je het zeker?");
        Assert.Contains("vergeet:ja", ask.Text("reply_markup"));
        bot.Send(CallbackQuery(Anna, Anna, "vergeet:ja", messageId: 40));
        await bot.ReplyAsync(Anna, "Ik heb je naam en gegevens gewist");

        await using var db = bot.Host.OpenDb();
        var member = await db.Members.AsNoTracking().SingleAsync();
        Assert.Equal("", member.DisplayName);
        Assert.StartsWith("vergeten:", member.ChannelUserId);
    }
}

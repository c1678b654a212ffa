using Buurtkracht.Core.Persistence;
using System.Text.Json;
using Buurtkracht.Bot.Cli;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Questionnaires;

/// <summary>The real service polling the fake Bot API; the questionnaire sent with the CLI into the service's database.</summary>
public class QuestionnairesTelegramTests
{
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private const long Anna = 6101;
    private const long Group = -100777;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The service polling the fake Bot API, sweeping questionnaires every second.</summary>
    internal static BotHost Host(FakeTelegramServer telegram, string folder, DatabaseProvider provider = DatabaseProvider.Sqlite) => new(folder, new Dictionary<string, string?>
    {
        ["Telegram:BotToken"] = telegram.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        ["Telegram:Mode"] = "Polling",
        ["Telegram:PollingTimeoutSeconds"] = "1",
        ["Questionnaires:SweepInterval"] = "00:00:01",
    }, provider: provider);

    private static async Task<string> CliAsync(BotHost host, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var settings = host.DatabaseSettings;
        settings["Questionnaires:MinimumRespondents"] = "1";
        var exit = await AdminCli.RunAsync(args, stdout, stderr, settings);
        Assert.True(exit == 0, stderr.ToString());
        return stdout.ToString();
    }

    /// <summary>Anna writes in the group and opens her private chat; returns the street group's id.</summary>
    private static async Task<int> GroupWithAnnasPrivateChatAsync(FakeTelegramServer telegram, BotHost host)
    {
        telegram.EnqueueUpdate(GroupText(Group, Anna, "Goedemorgen buren"));
        telegram.EnqueueUpdate(Command(Anna, Anna, "/start"));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString(), Patience);
        await using var db = host.OpenDb();
        return await db.StreetGroups.Where(g => g.ChatId == Group.ToString()).Select(g => g.Id).SingleAsync();
    }

    private static Task<RecordedCall> PrivateReplyAsync(FakeTelegramServer telegram, string fragment) =>
        telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString() && (c.Text("text") ?? "").Contains(fragment), Patience);

    [DatabaseFact]
    public async Task Invullen_in_a_group_opens_the_first_question_in_the_private_chat_in_one_tap()
    {
        // Issue 17.9: the group button is a t.me deep link; an older Invullen press is answered by opening that link,
        // never by a second "Invullen" privately that sends the reader to the chat they are in.
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = Host(telegram, BotHost.NewDataFolder(), Provider);
        await host.StartAsync();
        var groupId = await GroupWithAnnasPrivateChatAsync(telegram, host);

        await CliAsync(host, "questionnaires", "send", "buurtpeiling", "--group", groupId.ToString());
        var invite = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Vragenlijst: Buurtpeiling"), Patience);
        var button = invite.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal("Invullen", button["text"]!.GetValue<string>());
        Assert.Equal($"https://t.me/{telegram.BotUsername}?start=vl-1", button["url"]!.GetValue<string>());
        Assert.Null(button["callback_data"]);

        telegram.EnqueueUpdate(CallbackQuery(Group, Anna, "vl:1", messageId: 30, queryId: "invullen-1"));
        var answer = await telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text("callback_query_id") == "invullen-1", Patience);
        Assert.Equal($"https://t.me/{telegram.BotUsername}?start=vl-1", answer.Text("url"));

        // Following the link, Telegram sends the payload in the private chat: straight to the first question.
        telegram.EnqueueUpdate(Command(Anna, Anna, "/start vl-1"));
        await PrivateReplyAsync(telegram, "Vraag 1 van 5");
        Assert.DoesNotContain(telegram.CallsTo("sendMessage"), c => c.ChatId == Anna.ToString() && (c.Text("text") ?? "").Contains("Open de chat met de bot"));
    }

    [DatabaseFact]
    public async Task Sent_to_a_group_opened_privately_paused_resumed_after_a_restart_finished_and_the_results_add_up()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var folder = BotHost.NewDataFolder();
        var host = Host(telegram, folder, Provider);
        try
        {
            await host.StartAsync();
            var groupId = await GroupWithAnnasPrivateChatAsync(telegram, host);

            var planned = await CliAsync(host, "questionnaires", "send", "buurtpeiling", "--group", groupId.ToString());
            Assert.StartsWith("Send 1 planned", planned);
            var invite = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
                && (c.Text("text") ?? "").Contains("Vragenlijst: Buurtpeiling"), Patience);
            Assert.Contains("start=vl-1", invite.Text("text"));
            Assert.Contains("Invullen", invite.Text("reply_markup"));

            // The deep link opens it in the private chat.
            telegram.EnqueueUpdate(Command(Anna, Anna, "/start vl-1"));
            var first = await PrivateReplyAsync(telegram, "Vraag 1 van 5");
            Assert.Contains("Later verder", first.Text("reply_markup"));
            telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "a:4", messageId: 20));
            await PrivateReplyAsync(telegram, "Vraag 2 van 5");
            telegram.EnqueueUpdate(PrivateText(Anna, "heel vaak"));
            await PrivateReplyAsync(telegram, "Kies een van de knoppen");
            telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "a:3", messageId: 21));
            await PrivateReplyAsync(telegram, "Vraag 3 van 5");
            telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "pause", messageId: 22));
            await PrivateReplyAsync(telegram, "Je antwoorden zijn bewaard");
        }
        finally
        {
            await host.DisposeAsync();
        }

        host = Host(telegram, folder, Provider);
        try
        {
            await host.StartAsync();
            telegram.EnqueueUpdate(Command(Anna, Anna, "/vragenlijst"));
            await PrivateReplyAsync(telegram, "Welkom terug");
            telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "a:5", messageId: 23));
            await PrivateReplyAsync(telegram, "Vraag 4 van 5");
            telegram.EnqueueUpdate(CallbackQuery(Anna, Anna, "a:ja", messageId: 24));
            await PrivateReplyAsync(telegram, "Vraag 5 van 5");
            telegram.EnqueueUpdate(PrivateText(Anna, "Nee"));
            await PrivateReplyAsync(telegram, "Klaar! Dank je wel");

            var json = await CliAsync(host, "questionnaires", "results", "buurtpeiling", "--json");
            using var doc = JsonDocument.Parse(json);
            Assert.Equal(1, doc.RootElement.GetProperty("respondents").GetInt32());
            Assert.False(doc.RootElement.GetProperty("suppressed").GetBoolean());
            var questions = doc.RootElement.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("questionId").GetString()!);
            Assert.Equal(4, questions["trots"].GetProperty("average").GetDouble());
            Assert.Equal(3, questions["buren-kennen"].GetProperty("average").GetDouble());
            Assert.Equal(5, questions["veilig"].GetProperty("average").GetDouble());
            Assert.Equal(1, questions["fixi"].GetProperty("distribution").GetProperty("ja").GetInt32());
            Assert.Equal(1, questions["buurtpreventie"].GetProperty("distribution").GetProperty("nee").GetInt32());

            var csv = (await CliAsync(host, "questionnaires", "export", "buurtpeiling", "--format", "csv")).ReplaceLineEndings("\n").Trim().Split('\n');
            Assert.Equal("response,questionnaire,version,send,event,buurt,date,question,value,number", csv[0]);
            Assert.Equal(6, csv.Length);
            Assert.Contains(csv, line => line.Contains(",trots,4,4"));

            var list = await CliAsync(host, "questionnaires", "list");
            Assert.Contains("buurtpeiling", list);
            Assert.Contains("activiteit-feedback", list);
            // Nothing identifying in the anonymous response.
            await using var check = host.OpenDb();
            Assert.Null((await check.Set<Core.Questionnaires.QuestionnaireResponse>().SingleAsync()).MemberId);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>Questionnaires over Telegram on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class QuestionnairesTelegramTestsOnPostgres : QuestionnairesTelegramTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

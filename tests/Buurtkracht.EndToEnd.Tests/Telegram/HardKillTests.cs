using System.Diagnostics;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

/// <summary>The real executable, killed without warning between two steps of a dialog, and started again.</summary>
public sealed class HardKillTests
{
    private const long Admin = 8001;
    private const long Group = -100888;

    [Fact]
    public async Task A_dialog_survives_a_hard_kill_between_two_steps()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        telegram.SetChatMemberStatus(Group.ToString(), Admin.ToString(), "administrator");
        var dataFolder = BotHost.NewDataFolder();

        using (var first = StartService(telegram, dataFolder))
        {
            telegram.EnqueueUpdate(Command(Group, Admin, "/koppel"));
            await ReplyAsync(telegram, "Bij welke buurt");
            telegram.EnqueueUpdate(CallbackQuery(Group, Admin, "buurt:3"));
            await ReplyAsync(telegram, "Welke straten");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        using var second = StartService(telegram, dataFolder);
        try
        {
            telegram.EnqueueUpdate(Text(Group, Admin, "Dam, Kerkstraat"));
            await ReplyAsync(telegram, "gekoppeld aan Oranjebuurt");
            // The button press was handled once, even if Telegram delivered it again after the kill. Its reply may be
            // sent twice (killed after Telegram accepted it, before the row was marked sent): at least once, never lost.
            await using var db = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>()
                .UseSqlite($"Data Source={Path.Combine(dataFolder, "buurtkracht.db")}").Options);
            var questions = await db.OutboxMessages.Where(o => o.PayloadJson.Contains("Welke straten")).ToListAsync();
            Assert.Single(questions);
            Assert.Equal(OutboxStatus.Sent, questions[0].Status);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private static Task<RecordedCall> ReplyAsync(FakeTelegramServer telegram, string fragment) =>
        telegram.WaitForCallAsync(c => c.Method == "sendMessage" && (c.Text("text") ?? "").Contains(fragment), TimeSpan.FromSeconds(60));

    private static Process StartService(FakeTelegramServer telegram, string dataFolder) => ServiceProcess.Start(telegram, dataFolder);
}

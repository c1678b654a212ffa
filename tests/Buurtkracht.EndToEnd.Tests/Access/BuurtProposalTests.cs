using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Access;

/// <summary>"Andere buurt" in /koppel through the real host and the fake Bot API: a proposal, approved with the CLI.</summary>
public sealed class BuurtProposalTests
{
    private const long Anna = 7201;
    private const long Bert = 7202;
    private const long Carla = 7203;
    private const long GroupA = -7201;
    private const long GroupB = -7202;
    private const string Proposed = "NEPBUURT-84725";

    [Fact]
    public async Task Another_buurt_links_its_group_but_other_groups_see_it_only_after_a_coordinator_approved_it()
    {
        await using var bot = await TelegramBot.StartAsync();
        bot.Telegram.SetChatMemberStatus(GroupA.ToString(), Anna.ToString(), "administrator");
        bot.Telegram.SetChatMemberStatus(GroupB.ToString(), Bert.ToString(), "creator");

        bot.Send(Command(GroupA, Anna, "/koppel"));
        await bot.ReplyAsync(GroupA, "Bij welke buurt hoort deze groep?");
        bot.Send(CallbackQuery(GroupA, Anna, "buurt:other", messageId: 2));
        await bot.ReplyAsync(GroupA, "Hoe heet jullie buurt?");
        bot.Send(GroupText(GroupA, Anna, Proposed));
        await bot.ReplyAsync(GroupA, "Welke straten");
        bot.Send(CallbackQuery(GroupA, Anna, "straten:skip", messageId: 4));
        var linked = await bot.ReplyAsync(GroupA, $"gekoppeld aan {Proposed}");
        Assert.Contains("coördinator", linked.Text("text"));

        // Another group's admin is not offered the proposal, and a hand-made press of its button is refused.
        int proposalId;
        await using (var db = bot.Host.OpenDb()) proposalId = await db.Buurten.Where(b => b.Name == Proposed).Select(b => b.Id).SingleAsync();
        bot.Send(Command(GroupB, Bert, "/koppel"));
        var offered = await bot.ReplyAsync(GroupB, "Bij welke buurt hoort deze groep?");
        Assert.Contains("Souburgh", offered.Text("reply_markup"));
        Assert.DoesNotContain(Proposed, offered.Text("reply_markup"));
        bot.Send(CallbackQuery(GroupB, Bert, $"buurt:{proposalId}", messageId: 6));
        await bot.ReplyAsync(GroupB, "Kies een knop");
        await using (var db = bot.Host.OpenDb())
            Assert.Null(await db.StreetGroups.Where(g => g.ChatId == GroupB.ToString()).Select(g => g.BuurtId).SingleAsync());

        // The coördinator hears of the open proposal in the digest.
        bot.Send(PrivateText(Carla, "/start"));
        await bot.ReplyAsync(Carla, "Welkom");
        await AccessCli.OkAsync(bot.Host, "roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator");
        await using (var scope = bot.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
            var now = DateTimeOffset.UtcNow;
            await scope.ServiceProvider.GetRequiredService<DigestService>().SendAsync(db, DigestPeriod.EndedBefore(DigestPeriodKind.Month, now), now);
        }
        // Written outside a turn: wake the dispatcher as the digest job does.
        bot.Host.Services.GetRequiredService<OutboxSignal>().Notify();
        var digest = await bot.ReplyAsync(Carla, "Nieuwe buurten");
        Assert.Contains($"{proposalId} – {Proposed} (1 groep(en))", digest.Text("text"));

        // Listed, approved (audited), and from then on offered to every group.
        var listed = await AccessCli.OkAsync(bot.Host, "buurten", "list", "--proposed");
        Assert.Contains(Proposed, listed);
        Assert.DoesNotContain("Souburgh", listed);
        Assert.Contains("Approved buurt", await AccessCli.OkAsync(bot.Host, "buurten", "approve", Proposed.ToLowerInvariant()));
        Assert.Contains("No proposed buurten", await AccessCli.OkAsync(bot.Host, "buurten", "list", "--proposed"));
        await using (var db = bot.Host.OpenDb())
            Assert.Single(await db.Set<AuditEntry>().Where(a => a.Action == AuditActions.BuurtApproved && a.Actor == "cli" && a.Subject == $"buurt:{proposalId}").ToListAsync());

        bot.Send(Command(GroupB, Bert, "/koppel"));
        await bot.Telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == GroupB.ToString()
            && (c.Text("reply_markup") ?? "").Contains(Proposed), TelegramBot.Patience);
    }
}

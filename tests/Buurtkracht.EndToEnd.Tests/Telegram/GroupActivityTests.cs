using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Groups;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

/// <summary>Ordinary messages in a Telegram group reach the service, are counted without a reply and show in the digest.</summary>
public sealed class GroupActivityTests
{
    private const long Anna = 5101;
    private const long Piet = 5102;
    private const long Group = -100888;

    [Fact]
    public async Task Ordinary_group_messages_are_counted_quietly_and_show_in_digest_preview()
    {
        await using var bot = await TelegramBot.StartAsync();

        bot.Send(GroupText(Group, Anna, "Wie heeft mijn kat gezien?"));
        bot.Send(GroupText(Group, Piet, "Ja, bij de Dam!"));
        bot.Send(Photo(Group, Piet, "photo-1", caption: "Deze?"));
        bot.Send(Sticker(Group, Anna));
        bot.Send(CallbackQuery(Group, Anna, "onbekend:1"));
        bot.Send(PrivateText(Anna, "Hallo bot"));
        // The only message that gets an answer; the service handles updates in order, so once it is answered every
        // message before it has been committed.
        bot.Send(Command(Group, Piet, "/taal"));
        await bot.ReplyAsync(Group, $"start=taal");

        Assert.Single(bot.MessagesTo(Group));
        await using var db = bot.Host.OpenDb();
        var count = await db.Set<GroupMessageCount>().AsNoTracking().SingleAsync();
        Assert.Equal(5, count.Messages);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await AdminCli.RunAsync(
            ["digest", "preview", "--period", DigestPeriod.Month(count.Day.Year, count.Day.Month).Label, "--buurt", DigestBuilder.NoBuurt],
            stdout, stderr, new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = $"Data Source={bot.Host.DatabasePath}" });

        Assert.True(exitCode == 0, stderr.ToString());
        Assert.Matches(@"(?m)^👥 .+\n(.+\n)*██████████ \u2007{4}5 Groepsberichten \(▲5\)$", stdout.ToString());
        Assert.DoesNotContain("kat", stdout.ToString());
    }
}

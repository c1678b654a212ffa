using System.Text;
using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// Webhook bodies built ahead of the clock so the timed part measures the service, not JSON building. A private
/// chat each, from many people: one third /start, one third /help, one third plain text (answered "not understood").
/// Every one yields exactly one ProcessedUpdates row and one outbox row.
/// </summary>
public static class UpdateBodies
{
    private static readonly string[] Texts =
    [
        "Hallo, wanneer is de buurtbarbecue?",
        "Er ligt veel zwerfvuil bij de speeltuin op de Kerkstraat.",
        "Goedemorgen allemaal!",
        "Kan iemand mijn kliko meenemen morgen?",
        "De lantaarnpaal bij nummer 12 doet het niet.",
    ];

    /// <param name="firstUpdateId">Update ids must not repeat within one database: each run takes its own range.</param>
    /// <param name="people">How many different residents send them.</param>
    public static byte[][] Build(long firstUpdateId, int count, int people)
    {
        var bodies = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            // A stride co-prime to the pool spreads consecutive updates over different people.
            var userId = 500_000_000L + (long)i * 7_919 % people;
            var update = (i % 3) switch
            {
                0 => TelegramUpdates.Command(userId, userId, "/start"),
                1 => TelegramUpdates.Command(userId, userId, "/help"),
                _ => TelegramUpdates.PrivateText(userId, Texts[i / 3 % Texts.Length]),
            };
            update["update_id"] = firstUpdateId + i;
            update["message"]!["message_id"] = i + 1;
            bodies[i] = Encoding.UTF8.GetBytes(update.ToJsonString());
        }
        return bodies;
    }

    public static int DistinctPeople(int count, int people) => Math.Min(count, people);
}

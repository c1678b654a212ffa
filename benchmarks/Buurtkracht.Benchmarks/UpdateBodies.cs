using System.Text;
using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks;

/// <summary>
/// Webhook bodies built ahead of the clock so the timed part measures the service, not JSON building. A private
/// chat each, from many people: one third /start, one third /help, one third plain text (answered "not understood").
/// Every one yields exactly one ProcessedUpdates row and one outbox row, and no dialog: the texts are questions or
/// greetings, which the service by design never takes for a melding (<c>MeldingFreeText</c> leaves questions and texts
/// under four words alone). A text that describes a problem ("De lantaarnpaal … doet het niet.") starts the melding
/// dialog instead: two messages, a dialog state, and a /start or /help of that person afterwards answers twice
/// ("the dialog stopped" or the question again). That made 20,000 updates add 26,000 outbox rows, and it is not the
/// work this benchmark (and the grammY comparison in issue 18) measures.
/// </summary>
public static class UpdateBodies
{
    private static readonly string[] Texts =
    [
        "Hallo, wanneer is de buurtbarbecue?",
        "Ligt er nog zwerfvuil bij de speeltuin op de Kerkstraat?",
        "Goedemorgen allemaal!",
        "Kan iemand mijn kliko meenemen morgen?",
        "Doet de lantaarnpaal bij nummer 12 het weer?",
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

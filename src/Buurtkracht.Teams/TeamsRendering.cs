using System.Text;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Teams;

/// <summary>
/// Renders the neutral message for Teams. Choices become an Adaptive Card (1.5) with one Action.Submit per choice whose
/// data is {"choice": data}, in every kind of chat: the data comes back exactly (also for buttons outside a dialog,
/// such as RSVP), the card stays usable on mobile, and Teams' suggested actions would only send the label back as
/// typed text and vanish after the next message.
/// </summary>
internal static class TeamsRendering
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static OutgoingActivity Render(OutgoingMessage message, Attachment? photo = null)
    {
        if (message.HasChoices || message.Link is not null)
            return new OutgoingActivity { Attachments = [Card(message)], Summary = Summary(message.Text) };
        return new OutgoingActivity
        {
            Text = Markdown(message.Text),
            TextFormat = "markdown",
            Attachments = photo is null ? null : [photo],
        };
    }

    /// <summary>
    /// What Teams shows in the notification and the chat list for a card-only message, which would otherwise read
    /// "Card": the first line of the text, shortened.
    /// </summary>
    public static string Summary(string text)
    {
        const int max = 120;
        var line = text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>An Adaptive Card: the text, then one row of buttons per row of choices, then the link button.</summary>
    public static Attachment Card(OutgoingMessage message)
    {
        var body = new List<object>
        {
            new Dictionary<string, object> { ["type"] = "TextBlock", ["text"] = CardText(message.Text), ["wrap"] = true },
        };
        body.AddRange(message.Choices.Select(row => (object)new Dictionary<string, object>
        {
            ["type"] = "ActionSet",
            ["actions"] = row.Select(choice => new Dictionary<string, object>
            {
                ["type"] = "Action.Submit",
                ["title"] = choice.Label,
                ["data"] = new Dictionary<string, string> { ["choice"] = choice.Data },
            }).ToList(),
        }));
        if (message.Link is { } link)
        {
            body.Add(new Dictionary<string, object>
            {
                ["type"] = "ActionSet",
                ["actions"] = new[] { new Dictionary<string, object> { ["type"] = "Action.OpenUrl", ["title"] = link.Label, ["url"] = link.Url } },
            });
        }
        return new Attachment
        {
            ContentType = AdaptiveCardContentType,
            Content = new Dictionary<string, object>
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = body,
            },
        };
    }

    /// <summary>
    /// Plain text as Teams markdown: markdown characters backslash-escaped, HTML's three special characters as entities
    /// (Teams also reads inline HTML), line breaks as &lt;br&gt; (a single newline would run lines together).
    /// </summary>
    public static string Markdown(string plain)
    {
        var md = new StringBuilder(plain.Length + 16);
        foreach (var c in plain.Replace("\r\n", "\n"))
        {
            md.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\n' => "<br>",
                '\\' or '*' or '_' or '`' or '~' or '#' or '[' or ']' or '|' => "\\" + c,
                _ => c.ToString(),
            });
        }
        return md.ToString();
    }

    /// <summary>
    /// Adaptive Card TextBlocks read a small markdown subset and know no escapes; texts are plain sentences, so only the
    /// line breaks need care: a single newline needs an empty line to show.
    /// </summary>
    public static string CardText(string plain) => plain.Replace("\r\n", "\n").Replace("\n", "\n\n");
}

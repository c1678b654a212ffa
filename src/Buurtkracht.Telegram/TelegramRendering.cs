using System.Text;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Telegram;

/// <summary>Turns the neutral message's plain text and buttons into Telegram's HTML and reply markup.</summary>
internal static class TelegramRendering
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;

    /// <summary>Escapes plain text for parse_mode HTML; Telegram needs only these three.</summary>
    public static string Html(string plain)
    {
        var html = new StringBuilder(plain.Length + 16);
        foreach (var c in plain)
        {
            html.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return html.ToString();
    }

    /// <summary>
    /// Splits text into parts Telegram accepts, preferring a line break, then a space; the limit counts the plain text
    /// (UTF-16 units, after entity parsing), so split before escaping.
    /// </summary>
    public static IReadOnlyList<string> SplitText(string text, int maxLength = MaxTextLength)
    {
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > maxLength)
        {
            var cut = rest.LastIndexOf('\n', maxLength);
            if (cut <= 0)
                cut = rest.LastIndexOf(' ', maxLength);
            var separator = cut > 0 ? 1 : 0;
            if (cut <= 0)
                cut = char.IsHighSurrogate(rest[maxLength - 1]) ? maxLength - 1 : maxLength;
            parts.Add(rest[..cut]);
            rest = rest[(cut + separator)..];
        }
        parts.Add(rest);
        return parts;
    }

    /// <summary>
    /// The reply markup of a new message: a location request wins (with the choices as typed buttons below it, since the
    /// engine takes a typed label as the choice), then inline buttons, then a forced reply.
    /// </summary>
    public static object? ReplyMarkup(OutgoingMessage message)
    {
        if (message.RequestLocationLabel is { } label)
        {
            List<IReadOnlyList<TgKeyboardButton>> rows = [[new TgKeyboardButton(label, RequestLocation: true)]];
            rows.AddRange(message.Choices.Select(row => row.Select(choice => new TgKeyboardButton(choice.Label)).ToList()));
            return new TgReplyKeyboardMarkup(rows);
        }
        if (InlineKeyboard(message) is { } keyboard)
            return keyboard;
        return message.ExpectsTextReply ? new TgForceReply() : null;
    }

    /// <summary>The choices as callback buttons, row by row, and a link button as a url button on a row of its own.</summary>
    public static TgInlineKeyboardMarkup? InlineKeyboard(OutgoingMessage message)
    {
        var rows = message.Choices
            .Select(row => (IReadOnlyList<TgInlineKeyboardButton>)row.Select(choice => new TgInlineKeyboardButton(choice.Label, choice.Data)).ToList())
            .ToList();
        if (message.Link is { } link) rows.Add([new TgInlineKeyboardButton(link.Label, Url: link.Url)]);
        return rows.Count > 0 ? new TgInlineKeyboardMarkup(rows) : null;
    }
}

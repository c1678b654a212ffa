using System.Text;
using Buurtkracht.Core.Messaging;
using Telegram.Bot.Types.ReplyMarkups;

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
    public static ReplyMarkup? ReplyMarkup(OutgoingMessage message, Func<string, string?>? deepLink = null)
    {
        if (message.RequestLocationLabel is { } label)
        {
            List<KeyboardButton[]> rows = [[KeyboardButton.WithRequestLocation(label)]];
            rows.AddRange(message.Choices.Select(row => row.Select(choice => new KeyboardButton(choice.Label)).ToArray()));
            return new ReplyKeyboardMarkup(rows) { OneTimeKeyboard = true, ResizeKeyboard = true };
        }
        if (InlineKeyboard(message, deepLink) is { } keyboard)
            return keyboard;
        // Not selective: that would show the reply box only to people the message @mentions or replies to, which is
        // nobody here, so a group admin would have to find "reply" by hand.
        return message.ExpectsTextReply ? new ForceReplyMarkup() : null;
    }

    /// <summary>
    /// The choices as callback buttons, row by row, and a link button as a url button on a row of its own. A choice that
    /// starts privately is a url button to <paramref name="deepLink"/> (t.me/bot?start=...), while that link is known.
    /// </summary>
    public static InlineKeyboardMarkup? InlineKeyboard(OutgoingMessage message, Func<string, string?>? deepLink = null)
    {
        var rows = message.Choices
            .Select(row => row.Select(choice => Button(choice, deepLink)).ToArray())
            .ToList();
        if (message.Link is { } link) rows.Add([InlineKeyboardButton.WithUrl(link.Label, link.Url)]);
        return rows.Count > 0 ? new InlineKeyboardMarkup(rows) : null;
    }

    private static InlineKeyboardButton Button(Choice choice, Func<string, string?>? deepLink) =>
        choice.StartsPrivately is { } payload && deepLink?.Invoke(payload) is { } url
            ? InlineKeyboardButton.WithUrl(choice.Label, url)
            : InlineKeyboardButton.WithCallbackData(choice.Label, choice.Data);
}

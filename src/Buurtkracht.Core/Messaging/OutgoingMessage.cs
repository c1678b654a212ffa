using System.Text.Json.Serialization;

namespace Buurtkracht.Core.Messaging;

/// <summary>A button; <paramref name="Data"/> comes back in <see cref="ChoiceContent"/> and stays under 64 bytes (Telegram's limit).</summary>
public sealed record Choice(string Label, string Data)
{
    /// <summary>
    /// For a button in a group whose work happens in the private chat: the deep-link payload ("vl-12", letters, digits,
    /// '-' and '_', at most 64) that opens the private chat and runs it there in one tap, where the platform has such
    /// links (Telegram's t.me/bot?start=). Elsewhere the button stays a press that comes back with <see cref="Data"/>.
    /// </summary>
    public string? StartsPrivately { get; init; }
}

/// <summary>A button that opens a web address in the browser; nothing comes back to the bot.</summary>
public sealed record LinkButton(string Label, string Url);

/// <summary>
/// A message the bot sends, in channel-neutral form. Text is plain text: adapters escape it for their markup.
/// Stored as JSON in the outbox, so keep it a plain data shape.
/// </summary>
public sealed record OutgoingMessage
{
    public required string Text { get; init; }

    /// <summary>Buttons, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<Choice>> Choices { get; init; } = [];

    /// <summary>Offer a "share my location" button (Telegram request_location); channels without it fall back to text.</summary>
    public string? RequestLocationLabel { get; init; }

    /// <summary>The bot waits for a typed answer (Telegram force_reply, so it arrives even with group privacy mode on).</summary>
    public bool ExpectsTextReply { get; init; }

    /// <summary>A file under the data folder to send as a photo.</summary>
    public string? PhotoPath { get; init; }

    /// <summary>A file under the data folder to send as a document (for example an .ics or .csv).</summary>
    public string? DocumentPath { get; init; }

    /// <summary>A button under the text that opens a web page (Telegram url button, Teams Action.OpenUrl).</summary>
    public LinkButton? Link { get; init; }

    /// <summary>
    /// When set, no message is sent: the private chat's command menu becomes the private commands of these audiences
    /// (Telegram setMyCommands with the chat's scope). Only queued for channels that have menus per chat.
    /// </summary>
    public IReadOnlyList<Conversations.CommandAudience>? CommandMenu { get; init; }

    /// <summary>When set, edit the message that this earlier outbox row produced instead of sending a new one.</summary>
    public long? EditsOutboxId { get; init; }

    [JsonIgnore]
    public bool HasChoices => Choices.Count > 0;

    public static OutgoingMessage Plain(string text) => new() { Text = text };
}

using System.Text.Json.Serialization;

namespace Buurtkracht.Core.Messaging;

/// <summary>A button; <paramref name="Data"/> comes back in <see cref="ChoiceContent"/> and stays under 64 bytes (Telegram's limit).</summary>
public sealed record Choice(string Label, string Data);

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

    /// <summary>When set, edit the message that this earlier outbox row produced instead of sending a new one.</summary>
    public long? EditsOutboxId { get; init; }

    [JsonIgnore]
    public bool HasChoices => Choices.Count > 0;

    public static OutgoingMessage Plain(string text) => new() { Text = text };
}

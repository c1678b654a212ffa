namespace Buurtkracht.Core.Messaging;

/// <summary>The platforms the bot talks on.</summary>
public enum ChannelKind
{
    Telegram,
    Teams,
    WebChat,
}

/// <summary>Whether a chat is a one-to-one chat with the bot or a (street) group.</summary>
public enum ChatKind
{
    Private,
    Group,
}

/// <summary>One chat on one platform; the platform's own id kept as text so every channel fits.</summary>
public readonly record struct ChatAddress(ChannelKind Channel, string ChatId)
{
    public override string ToString() => $"{Channel}:{ChatId}";
}

/// <summary>A person as the platform identifies them.</summary>
public sealed record Sender(string UserId, string DisplayName, string? LanguageCode = null, bool IsBot = false);

using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// A question to a chat platform that a turn needs answered (is this user an admin, who are the admins, is this user in
/// that group, the file behind a photo). The engine asks it outside its writer loop, never inside a turn.
/// </summary>
public abstract record PlatformQuery(ChannelKind Channel);

/// <summary>Whether the user is an administrator (or owner) of the group chat; answered with a bool.</summary>
public sealed record GroupAdminQuery(ChannelKind Channel, string ChatId, string UserId) : PlatformQuery(Channel);

/// <summary>The group's administrators; answered with a list of <see cref="Sender"/>.</summary>
public sealed record GroupAdminsQuery(ChannelKind Channel, string ChatId) : PlatformQuery(Channel);

/// <summary>Whether the user is a member of the group chat now; answered with a bool.</summary>
public sealed record GroupMemberQuery(ChannelKind Channel, string ChatId, string UserId) : PlatformQuery(Channel);

/// <summary>A photo the person sent, downloaded into a concept file; answered with a <see cref="DownloadedPhoto"/>.</summary>
public sealed record PhotoQuery(ChannelKind Channel, string FileId) : PlatformQuery(Channel);

/// <summary>A downloaded photo: where it is and how large, or that the channel refused it as too large (no file then).</summary>
public sealed record DownloadedPhoto(string? Path, long Size, bool TooLarge);

/// <summary>What the platform answered: the value, or why there is none (timeout, error, no such channel).</summary>
public sealed record PlatformAnswer(object? Value, string? Failure)
{
    public static PlatformAnswer Of(object value) => new(value, null);
    public static PlatformAnswer Failed(string reason) => new(null, reason);
}

/// <summary>Thrown by a turn that needs a fact it does not have yet: the engine rolls the turn back, fetches, and runs it again.</summary>
internal sealed class PlatformFactNeeded(PlatformQuery query) : Exception("The turn needs a platform fact first.")
{
    public PlatformQuery Query { get; } = query;
}

/// <summary>
/// The platform facts fetched for one inbound message, kept across the reruns of its turn. A feature asks through
/// <see cref="TurnContext.Platform"/>; a fact not fetched yet ends the run (<see cref="PlatformFactNeeded"/>), so no
/// platform call ever happens while the writer loop holds the database.
/// </summary>
public sealed class PlatformFacts
{
    private readonly Dictionary<PlatformQuery, PlatformAnswer> _answers = [];

    internal int Count => _answers.Count;

    internal void Add(PlatformQuery query, PlatformAnswer answer)
    {
        lock (_answers) _answers[query] = answer;
    }

    /// <summary>The answer to <paramref name="query"/>: its value, or null when the platform could not tell.</summary>
    internal T? Get<T>(PlatformQuery query) where T : class
    {
        lock (_answers)
            return _answers.TryGetValue(query, out var answer) ? answer.Value as T : throw new PlatformFactNeeded(query);
    }

    internal bool? GetBool(PlatformQuery query)
    {
        lock (_answers)
            return _answers.TryGetValue(query, out var answer) ? answer.Value as bool? : throw new PlatformFactNeeded(query);
    }
}

/// <summary>The platform facts a turn may ask for, about the chat and person of the turn or a group they refer to.</summary>
public sealed class TurnPlatform
{
    private readonly PlatformFacts _facts;
    private readonly InboundMessage _message;

    internal TurnPlatform(PlatformFacts facts, InboundMessage message)
    {
        _facts = facts;
        _message = message;
    }

    /// <summary>Whether the sender is an admin of this group chat; null when the platform could not tell.</summary>
    public bool? IsGroupAdmin() => _facts.GetBool(new GroupAdminQuery(_message.Chat.Channel, _message.Chat.ChatId, _message.From.UserId));

    /// <summary>The admins of this group chat; null when the platform could not tell.</summary>
    public IReadOnlyList<Sender>? GroupAdmins() => _facts.Get<IReadOnlyList<Sender>>(new GroupAdminsQuery(_message.Chat.Channel, _message.Chat.ChatId));

    /// <summary>Whether the sender is a member of <paramref name="group"/> (a chat on the sender's channel); null when the platform could not tell.</summary>
    public bool? IsMemberOf(ChatAddress group) =>
        group.Channel != _message.Chat.Channel ? false : _facts.GetBool(new GroupMemberQuery(group.Channel, group.ChatId, _message.From.UserId));

    internal ChannelKind Channel => _message.Chat.Channel;

    /// <summary>The answer to a feature's own question (a geocoder lookup); null when it could not be answered.</summary>
    internal T? Fact<T>(PlatformQuery query) where T : class => _facts.Get<T>(query);

    /// <summary>The photo behind <paramref name="fileId"/>, downloaded; null when the download failed.</summary>
    public DownloadedPhoto? Photo(string fileId) => _facts.Get<DownloadedPhoto>(new PhotoQuery(_message.Chat.Channel, fileId));
}

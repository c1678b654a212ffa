using System.Text.Json;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// Everything a feature needs while handling one inbound message: who wrote, where, the database unit of work, the
/// clock, and the outbox. Replies are only sent after the whole turn committed.
/// </summary>
public sealed class TurnContext
{
    private readonly DialogRunner _dialogs;

    internal TurnContext(
        BuurtkrachtDb db, InboundMessage message, Member member, StreetGroup? group, IChannel channel,
        DateTimeOffset now, IServiceProvider services, DialogRunner dialogs, TurnPlatform platform)
    {
        Platform = platform;
        Db = db;
        Message = message;
        Member = member;
        Group = group;
        Channel = channel;
        Now = now;
        Services = services;
        _dialogs = dialogs;
    }

    public BuurtkrachtDb Db { get; }
    public InboundMessage Message { get; }
    public Member Member { get; }

    /// <summary>The street group, when the message came from a group chat.</summary>
    public StreetGroup? Group { get; }

    /// <summary>The channel, for links; ask platform questions through <see cref="Platform"/>, never the channel itself.</summary>
    public IChannel Channel { get; }

    /// <summary>What the platform says about this chat and person, fetched before the turn runs (see <see cref="PlatformFacts"/>).</summary>
    public TurnPlatform Platform { get; }

    public DateTimeOffset Now { get; }
    public IServiceProvider Services { get; }
    /// <summary>The language of this chat: the person's in a private chat, Dutch in a group (groups are mixed).</summary>
    public string Language => IsPrivate ? Member.Language : Members.Languages.Dutch;

    /// <summary>The person's own language, for what this turn sends them privately (also from a group).</summary>
    public string PersonalLanguage => Member.Language;
    public bool IsPrivate => Message.ChatKind == ChatKind.Private;

    /// <summary>The text after a command (or the deep-link payload's remainder).</summary>
    public string CommandArgument { get; internal set; } = "";

    /// <summary>Answers of the running dialog; empty outside a dialog.</summary>
    public DialogValues Values { get; internal set; } = new();

    internal DialogState? DialogState { get; set; }

    public string T(TextKey text, params object?[] args) => text.In(Language, args);

    public Choice Choice(TextKey label, string data) => new(T(label), data);

    /// <summary>A question with buttons, <paramref name="perRow"/> to a row.</summary>
    public OutgoingMessage Question(TextKey text, IEnumerable<Choice> choices, int perRow = 2, params object?[] args) =>
        new() { Text = T(text, args), Choices = choices.Chunk(perRow).Select(row => (IReadOnlyList<Choice>)row).ToList() };

    public OutgoingMessage Text(TextKey text, params object?[] args) => OutgoingMessage.Plain(T(text, args));

    /// <summary>Sends a message to the chat this turn came from.</summary>
    public OutboxMessage Reply(OutgoingMessage message) => Outbox.Enqueue(Db, Message.Chat, Message.ChatKind, message, Now);

    public OutboxMessage Say(TextKey text, params object?[] args) => Reply(Text(text, args));

    /// <summary>Sends a message to another chat, for example privately to a member or to a group.</summary>
    public OutboxMessage SendTo(ChatAddress to, ChatKind kind, OutgoingMessage message) => Outbox.Enqueue(Db, to, kind, message, Now);

    public Task StartDialogAsync(string dialogName) => _dialogs.StartAsync(this, dialogName);

    /// <summary>Whether the platform lets the bot answer this button press itself (a pop-up, or opening the private chat).</summary>
    public bool CanAnswerPress => Message.Press is not null;

    /// <summary>The answer the press gets once the turn committed (see <see cref="ButtonPress"/>); the last one set wins.</summary>
    internal PressAnswer? PressAnswer { get; private set; }

    /// <summary>
    /// Answers the button press with a short pop-up where the platform can (<paramref name="alert"/>: a box to close,
    /// for a text that must be read); elsewhere the text goes to the chat as a message.
    /// </summary>
    public void Notice(TextKey text, bool alert, params object?[] args)
    {
        if (CanAnswerPress) PressAnswer = new PressAnswer(T(text, args), alert);
        else Say(text, args);
    }

    /// <summary>Answers the button press by opening the private chat with the deep-link <paramref name="payload"/>, where the platform can.</summary>
    /// <returns>False when it cannot; then the caller says what to do instead.</returns>
    public bool OpenPrivately(string payload)
    {
        if (!CanAnswerPress) return false;
        PressAnswer = new PressAnswer(null, OpensPrivately: payload);
        return true;
    }

    /// <summary>Whether the person holds the role; a web chat visitor never does, whatever a row may say.</summary>
    /// <remarks>Compiled queries (<see cref="TurnQueries"/>): /help asks this twice on every call.</remarks>
    public async Task<bool> HasRoleAsync(Role role, int? groupId = null) =>
        // A member first seen in this turn has no id yet, so no role row can point at them.
        RoleGrants.CanHoldRoles(Member) && Member.Id > 0
        && await (groupId is { } group
            ? TurnQueries.For(Db).HasRoleInGroup(Db, Member.Id, role, group)
            : TurnQueries.For(Db).HasRole(Db, Member.Id, role));
}

/// <summary>The answers of a running dialog, stored as JSON strings between turns.</summary>
public sealed class DialogValues
{
    private readonly Dictionary<string, string> _values;

    public DialogValues() : this(new Dictionary<string, string>()) { }

    private DialogValues(Dictionary<string, string> values) => _values = values;

    public string? this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set
        {
            if (value is null) _values.Remove(key);
            else _values[key] = value;
        }
    }

    public int? GetInt(string key) => int.TryParse(this[key], out var v) ? v : null;

    internal string ToJson() => JsonSerializer.Serialize(_values);

    internal static DialogValues FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Teams;

/// <summary>Translates Bot Framework activities from Teams into the engine's channel-neutral messages.</summary>
internal static partial class TeamsActivityMapper
{
    /// <summary>The chat id of the activity's conversation: a channel thread's ";messageid=" suffix is dropped, so the
    /// whole channel is one street group and replies go to the channel.</summary>
    public static string? ChatId(Activity activity) => ChatId(activity.Conversation?.Id);

    public static string? ChatId(string? conversationId)
    {
        if (string.IsNullOrEmpty(conversationId)) return null;
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    public static ChatKind Kind(Activity activity) =>
        activity.Conversation?.ConversationType switch
        {
            "personal" => ChatKind.Private,
            "channel" or "groupChat" => ChatKind.Group,
            _ => activity.Conversation?.IsGroup == true ? ChatKind.Group : ChatKind.Private,
        };

    public static string? TenantId(Activity activity) => activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id;

    /// <summary>Whether the activity reports the bot's arrival in the conversation (either of the two install activities).</summary>
    public static bool BotAdded(Activity activity) =>
        (activity.Type == "conversationUpdate" && activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true)
        || (activity.Type == "installationUpdate" && activity.Action == "add");

    public static bool BotRemoved(Activity activity) =>
        (activity.Type == "conversationUpdate" && activity.MembersRemoved?.Any(m => m.Id == activity.Recipient?.Id) == true)
        || (activity.Type == "installationUpdate" && activity.Action == "remove");

    /// <summary>
    /// Zero or more messages; activities the bot has no use for (typing, reactions, invokes) give none. Without
    /// <paramref name="arrival"/> the bot's arrival is left out: the other install activity of the same install greets.
    /// <paramref name="commands"/> are the command names a text picked from the Teams command menu may be.
    /// </summary>
    public static IReadOnlyList<InboundMessage> Map(Activity activity, bool arrival = true, IReadOnlySet<string>? commands = null)
    {
        if (activity.Id is not { Length: > 0 } id || ChatId(activity) is not { } chatId || activity.From?.Id is null) return [];
        var contents = Contents(activity, commands ?? EmptyCommands);
        if (!arrival) contents.RemoveAll(c => c is BotAddedContent or CommandContent { Name: "start" } && activity.Type != "message");
        var kind = Kind(activity);
        var title = activity.Conversation?.Name ?? activity.ChannelData?.Channel?.Name ?? activity.ChannelData?.Team?.Name;
        var from = ToSender(activity.From, activity.Locale);
        return contents.Select((content, n) => new InboundMessage(
                n == 0 ? $"teams:{id}" : $"teams:{id}:{n}",
                new ChatAddress(ChannelKind.Teams, chatId),
                kind,
                kind == ChatKind.Group ? title : null,
                from,
                content))
            .ToList();
    }

    private static readonly IReadOnlySet<string> EmptyCommands = new HashSet<string>();

    private static List<InboundContent> Contents(Activity activity, IReadOnlySet<string> commands)
    {
        var botId = activity.Recipient?.Id;
        switch (activity.Type)
        {
            case "message":
                return [MessageContent(activity, commands)];
            case "conversationUpdate":
            {
                var contents = new List<InboundContent>();
                var added = activity.MembersAdded ?? [];
                if (added.Any(m => m.Id == botId))
                    contents.Add(Kind(activity) == ChatKind.Private ? new CommandContent("start", "") : new BotAddedContent());
                var people = added.Where(m => m.Id != botId && m.Id is not null).Select(m => ToSender(m, null)).ToList();
                if (people.Count > 0) contents.Add(new MembersJoinedContent(people));
                foreach (var removed in activity.MembersRemoved ?? [])
                {
                    if (removed.Id == botId) contents.Add(new BotRemovedContent());
                    else if (removed.Id is not null) contents.Add(new MemberLeftContent(ToSender(removed, null)));
                }
                return contents;
            }
            case "installationUpdate":
                return activity.Action switch
                {
                    "add" => [Kind(activity) == ChatKind.Private ? new CommandContent("start", "") : new BotAddedContent()],
                    "remove" => [new BotRemovedContent()],
                    _ => [],
                };
            default:
                return [];
        }
    }

    private static InboundContent MessageContent(Activity activity, IReadOnlySet<string> commands)
    {
        // An Adaptive Card Action.Submit arrives as a message whose value holds the button's data.
        if (activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("choice", out var choice) && choice.ValueKind == JsonValueKind.String)
            return new ChoiceContent(choice.GetString()!);

        var text = StripBotMention(activity.Text ?? "", activity);
        // A picture pasted into a personal chat arrives as an image attachment whose contentUrl lies under the
        // serviceUrl (fetched later with the app token); other attachments (files, cards) are not for the bot.
        var image = activity.Attachments?.FirstOrDefault(a =>
            a.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true && !string.IsNullOrEmpty(a.ContentUrl));
        if (image is not null) return new PhotoContent(image.ContentUrl!, null, text.Length > 0 ? text : null);
        if (text.Length == 0 && activity.Attachments?.FirstOrDefault(a => a.ContentType is not null && a.ContentType != "text/html") is not null)
            return new UnsupportedContent("document");
        // The command menu of the manifest sends the picked title as plain text, without the slash.
        if (commands.Contains(text)) return new CommandContent(text.ToLowerInvariant(), "");
        return CommandText.Parse(text);
    }

    /// <summary>Removes the @mention of the bot, which Teams puts in the text of every channel message addressed to it.</summary>
    public static string StripBotMention(string text, Activity activity)
    {
        var botId = activity.Recipient?.Id;
        var mentions = activity.Entities?
            .Where(e => e.Type == "mention" && e.Mentioned?.Id == botId && !string.IsNullOrEmpty(e.Text))
            .Select(e => e.Text!)
            .ToList() ?? [];
        foreach (var mention in mentions) text = text.Replace(mention, "", StringComparison.Ordinal);
        // Without entities (older clients, some group chats), a leading <at>...</at> is the bot's name.
        if (activity.Entities?.Any(e => e.Type == "mention") != true) text = LeadingMention().Replace(text, "");
        return text.Trim();
    }

    public static Sender ToSender(ChannelAccount account, string? locale) =>
        new(account.Id!, account.Name ?? "", Language(locale), account.Role == "bot" || account.Id?.StartsWith("28:", StringComparison.Ordinal) == true);

    private static string? Language(string? locale) =>
        string.IsNullOrEmpty(locale) ? null : locale.Split('-')[0].ToLowerInvariant();

    [GeneratedRegex(@"^\s*<at[^>]*>[^<]*</at>\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingMention();
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Buurtkracht.Teams;

/// <summary>The part of the Bot Framework Activity schema the bot uses; unknown fields are ignored.</summary>
internal sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public JsonElement? Value { get; init; }

    /// <summary>installationUpdate: "add", "remove", "add-upgrade", "remove-upgrade".</summary>
    public string? Action { get; init; }

    public string? ReplyToId { get; init; }
    public List<ChannelAccount>? MembersAdded { get; init; }
    public List<ChannelAccount>? MembersRemoved { get; init; }
    public List<Entity>? Entities { get; init; }
    public List<Attachment>? Attachments { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
}

internal sealed record ChannelAccount(string? Id, string? Name = null)
{
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }
}

internal sealed record ConversationAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
}

internal sealed record Entity
{
    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
}

internal sealed record Attachment
{
    public string? ContentType { get; init; }
    public string? ContentUrl { get; init; }
    public object? Content { get; init; }
    public string? Name { get; init; }
}

internal sealed record TeamsChannelData
{
    public TeamsIdName? Tenant { get; init; }
    public TeamsIdName? Team { get; init; }
    public TeamsIdName? Channel { get; init; }
}

internal sealed record TeamsIdName(string? Id, string? Name = null);

/// <summary>An activity the bot sends (Connector REST API).</summary>
internal sealed record OutgoingActivity
{
    public string Type { get; init; } = "message";
    public string? Id { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public List<Attachment>? Attachments { get; init; }
    /// <summary>Text for notifications of a card-only message.</summary>
    public string? Summary { get; init; }
    public string? ReplyToId { get; init; }
}

/// <summary>POST /v3/conversations: a new (personal) conversation.</summary>
internal sealed record ConversationParameters(
    bool IsGroup, ChannelAccount Bot, IReadOnlyList<ChannelAccount> Members, string? TenantId, object? ChannelData);

internal sealed record ResourceResponse(string? Id);

internal static class TeamsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

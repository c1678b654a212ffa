using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Members;

/// <summary>A person known to the bot on one channel. The display name is personal data: never log it above Debug.</summary>
public sealed class Member
{
    public int Id { get; set; }
    public ChannelKind Channel { get; set; }
    public string ChannelUserId { get; set; } = "";
    public string DisplayName { get; set; } = "";

    /// <summary>A code from <see cref="Languages.Shipped"/> ("nl" by default): from the platform at first contact, then chosen with /taal.</summary>
    public string Language { get; set; } = Languages.Dutch;

    /// <summary>The private chat with the bot, once the person has opened it; proactive messages go there.</summary>
    public string? PrivateChatId { get; set; }

    /// <summary>Set when the platform refused delivery to the private chat (blocked the bot); cleared when they write again.</summary>
    public bool PrivateChatUnreachable { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When they last wrote to the bot (any chat), to the day: retention anonymises members quiet for long.</summary>
    public DateTimeOffset? LastActiveAt { get; set; }

    /// <summary>When name and ids were replaced by a pseudonym (/vergeetmij or retention); the row stays for the counts.</summary>
    public DateTimeOffset? ForgottenAt { get; set; }
    /// <summary>
    /// The e-mail address a coördinator entered so this member can sign in to the dashboard with Microsoft (lower case);
    /// personal data, never logged. Null for almost everyone.
    /// </summary>
    public string? SignInEmail { get; set; }

    public List<RoleAssignment> Roles { get; set; } = [];
}

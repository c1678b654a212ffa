using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Groups;

/// <summary>A straatgroep: one group chat on one channel, linked to a buurt by one of its admins.</summary>
public sealed class StreetGroup
{
    public int Id { get; set; }
    public ChannelKind Channel { get; set; }
    public string ChatId { get; set; } = "";
    public string Title { get; set; } = "";

    public int? BuurtId { get; set; }
    public Buurt? Buurt { get; set; }

    /// <summary>The streets this group covers, as its moderator named them.</summary>
    public List<string> Streets { get; set; } = [];

    /// <summary>False once the bot was removed from the group or the platform refused delivery.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LinkedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }

    public List<GroupMembership> Memberships { get; set; } = [];

    public ChatAddress Address => new(Channel, ChatId);
}

/// <summary>One stretch of membership: a member who leaves and comes back gets a new row, so joins and leaves can be counted per period.</summary>
public sealed class GroupMembership
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public StreetGroup? Group { get; set; }
    public int MemberId { get; set; }
    public Members.Member? Member { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}

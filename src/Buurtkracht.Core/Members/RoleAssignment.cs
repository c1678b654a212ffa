using Buurtkracht.Core.Groups;

namespace Buurtkracht.Core.Members;

/// <summary>Everyone is a resident; these roles come on top.</summary>
public enum Role
{
    /// <summary>Beheerder or gangmaker of one street group (<see cref="RoleAssignment.GroupId"/> set).</summary>
    Moderator,

    /// <summary>SWA coördinator (dorpsmakelaar): global.</summary>
    Coordinator,

    /// <summary>May grant and revoke roles: global.</summary>
    Admin,
}

public sealed class RoleAssignment
{
    public int Id { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }
    public Role Role { get; set; }

    /// <summary>The group a moderator role belongs to; null for global roles.</summary>
    public int? GroupId { get; set; }
    public StreetGroup? Group { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>Who granted it: "cli", "telegram-admin", or a member reference.</summary>
    public string GrantedBy { get; set; } = "";
}

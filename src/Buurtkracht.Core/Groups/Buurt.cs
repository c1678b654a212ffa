namespace Buurtkracht.Core.Groups;

/// <summary>A neighbourhood of Alblasserdam; street groups are linked to one.</summary>
public sealed class Buurt
{
    /// <summary>The seeded buurt of the web chat's demo group; no other channel ever sees it.</summary>
    public const string DemoName = "Demobuurt";

    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Streets known to lie in this buurt, collected from the groups that link to it.</summary>
    public List<string> Streets { get; set; } = [];

    /// <summary>Order of the buttons; seeded buurten first, ones added with "andere buurt" after.</summary>
    public int SortOrder { get; set; }

    /// <summary>
    /// Proposed with "andere buurt" in /koppel: the proposing group is linked to it, but no other group sees it among the
    /// buttons until a coördinator approved it (<see cref="BuurtService.ApproveAsync"/>).
    /// </summary>
    public BuurtStatus Status { get; set; } = BuurtStatus.Approved;

    /// <summary>When it was proposed; null for seeded buurten.</summary>
    public DateTimeOffset? ProposedAt { get; set; }

    /// <summary>The web chat's playground: only web chat groups link to it, and it is left out of every real list and digest.</summary>
    public bool IsDemo { get; set; }
}

public enum BuurtStatus
{
    Approved,
    Proposed,
}

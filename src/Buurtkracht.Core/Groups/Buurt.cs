namespace Buurtkracht.Core.Groups;

/// <summary>A neighbourhood of Alblasserdam; street groups are linked to one.</summary>
public sealed class Buurt
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Streets known to lie in this buurt, collected from the groups that link to it.</summary>
    public List<string> Streets { get; set; } = [];

    /// <summary>Order of the buttons; seeded buurten first, ones added with "andere buurt" after.</summary>
    public int SortOrder { get; set; }
}

using System.Globalization;
using System.Text;
using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Digests;

/// <summary>The digest as chat text and as CSV.</summary>
public sealed partial class DigestBuilder
{
    public const int BarWidth = 10;

    /// <summary>Pads numbers: as wide as a digit in every font, so the numbers line up in proportional fonts too.</summary>
    private const char FigureSpace = '\u2007';

    private static readonly TextKey BotRemovedMark = new("Digests.DigestBuilder.BotRemovedMark");
    private static readonly TextKey SupportHeader = new("Digests.DigestBuilder.SupportHeader");
    private static readonly TextKey NoGroup = new("Digests.DigestBuilder.NoGroup");
    private static readonly TextKey DashboardLink = new("Digests.DigestBuilder.DashboardLink");

    /// <summary>
    /// The digest as chat text, one part per buurt so no part passes the platforms' message limits. Each line starts with a
    /// bar of fixed width and a padded number, so the columns line up whatever the font; a figure's bar has the same scale
    /// in every buurt (and, apart, in every group).
    /// </summary>
    public static IReadOnlyList<string> Render(Digest digest, string language, string? dashboardUrl = null)
    {
        var parts = new List<string>();
        var intro = new TextKey("Digests.DigestBuilder.BuurtkrachtDigestChangeSinceInBrackets").In(language, digest.Period.Label, digest.Period.Previous.Label);
        var link = dashboardUrl is null ? "" : "\n\n" + DashboardLink.In(language, dashboardUrl);
        if (digest.IsEmpty)
            return [intro + "\n\n" + new TextKey("Digests.DigestBuilder.NoFiguresInThisPeriodNo").In(language) + link];
        var scales = Scales(digest);
        foreach (var buurt in digest.Sections.GroupBy(s => s.Buurt))
        {
            var text = new StringBuilder();
            if (parts.Count == 0)
            {
                text.AppendLine(intro).AppendLine();
                if (digest.SupportRequests.Count > 0)
                {
                    text.AppendLine(SupportHeader.In(language));
                    var culture = Core.Members.Languages.CultureOf(language);
                    foreach (var request in digest.SupportRequests)
                        text.AppendLine($"- {request.Moderator} ({(request.Groups.Count > 0 ? string.Join(", ", request.Groups) : NoGroup.In(language))}), {request.Date.ToString("d MMMM", culture)}");
                    text.AppendLine();
                }
            }
            foreach (var section in buurt)
            {
                text.AppendLine(section.GroupId is null ? $"🏘 {section.Buurt}"
                    : section.BotRemoved ? $"👥 {section.Group} {BotRemovedMark.In(language)}" : $"👥 {section.Group}");
                // A quiet group shows its 0 messages too: that is worth a coördinator's attention.
                foreach (var figure in section.Figures.Where(f => section.GroupId is null || f.Value != 0 || f.Previous != 0 || f.Key is "members" or MessagesKey))
                    text.AppendLine($"{Bar(figure.Value, scales[(figure.Key, section.GroupId is null)])} {Number(figure.Value)} {figure.Name.In(language)} ({Trend(figure)})");
                text.AppendLine();
            }
            parts.Add(text.ToString().TrimEnd());
        }
        parts[^1] += link;
        return parts;
    }

    /// <summary>The largest value of each figure over the buurten (true) and over the groups (false): the full bar of that figure.</summary>
    public static Dictionary<(string Key, bool Buurt), int> Scales(Digest digest)
    {
        var scales = new Dictionary<(string, bool), int>();
        foreach (var section in digest.Sections)
            foreach (var figure in section.Figures)
            {
                var key = (figure.Key, section.GroupId is null);
                scales[key] = Math.Max(Math.Max(1, figure.Value), scales.GetValueOrDefault(key));
            }
        return scales;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture).PadLeft(5, FigureSpace);

    public static string Trend(Figure f) => f.Change switch { > 0 => $"▲{f.Change}", < 0 => $"▼{-f.Change}", _ => "=" };

    /// <summary>A bar of <paramref name="width"/> characters: filled in proportion to <paramref name="max"/>, the rest light.</summary>
    public static string Bar(int value, int max, int width = BarWidth)
    {
        var filled = value <= 0 ? 0 : Math.Clamp((int)Math.Round(width * (double)value / Math.Max(1, max)), 1, width);
        return new string('█', filled) + new string('░', width - filled);
    }

    /// <summary>
    /// One row per buurt and per group, a column per figure and one for the period before, named in Dutch: what a
    /// coördinator opens in Dutch Excel (';' because ',' is the decimal sign there, and a BOM so it reads UTF-8). A part
    /// of a figure ("  thema Schoon") is named with its whole ("Meldingen: thema Schoon"); a figure a section does not
    /// have (meldingen are counted per buurt) is an empty cell, not a 0.
    /// </summary>
    public static string Csv(Digest digest)
    {
        var columns = new List<(string Key, string Name)>();
        foreach (var section in digest.Sections)
        {
            var whole = "";
            foreach (var f in section.Figures)
            {
                var name = f.Name.Nl.Trim();
                if (!f.Name.Nl.StartsWith(' ')) whole = name;
                else if (whole.Length > 0) name = $"{whole}: {name}";
                if (columns.All(c => c.Key != f.Key)) columns.Add((f.Key, name));
            }
        }

        var csv = new StringBuilder("\uFEFF").Append(string.Join(';',
            new[] { "Periode", "Buurt", "Groep-id", "Groep" }.Concat(columns.SelectMany(c => new[] { c.Name, $"{c.Name} vorige periode" })).Select(Quote)));
        csv.Append('\n');
        foreach (var section in digest.Sections)
        {
            var figures = section.Figures.ToDictionary(f => f.Key);
            var cells = new[] { digest.Period.Label, section.Buurt, section.GroupId?.ToString(CultureInfo.InvariantCulture) ?? "", section.Group ?? "" }.Select(Quote)
                .Concat(columns.SelectMany(c => figures.TryGetValue(c.Key, out var f)
                    ? new[] { f.Value.ToString(CultureInfo.InvariantCulture), f.Previous.ToString(CultureInfo.InvariantCulture) }
                    : ["", ""]));
            csv.Append(string.Join(';', cells)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([';', ',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"") + "\""
            : value;
}

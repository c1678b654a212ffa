using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Buurtkracht.Core.Scheduling;

namespace Buurtkracht.Bot.Cli;

internal static class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void WriteJson<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>The instant as Amsterdam local time with its offset, so JSON readers need no time zone database.</summary>
    public static DateTimeOffset? Local(DateTimeOffset? instant) =>
        instant is { } value ? TimeZoneInfo.ConvertTime(value, Amsterdam.TimeZone) : null;

    public static string LocalText(DateTimeOffset? instant) =>
        instant is { } value ? Amsterdam.ToLocal(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    /// <summary>Left-aligned columns two spaces apart; <paramref name="empty"/> instead of a lone header.</summary>
    public static void WriteTable(TextWriter output, string[] headers, IReadOnlyList<string[]> rows, string empty)
    {
        if (rows.Count == 0)
        {
            output.WriteLine(empty);
            return;
        }
        var cells = rows.Select(row => row.Select(Clean).ToArray()).Prepend(headers).ToList();
        var widths = headers.Select((_, column) => cells.Max(row => row[column].Length)).ToArray();
        foreach (var row in cells)
        {
            var line = new StringBuilder();
            for (var column = 0; column < row.Length; column++)
                line.Append(row[column].PadRight(widths[column] + (column < row.Length - 1 ? 2 : 0)));
            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    // Names and titles come from chat platforms; a newline or tab in one would break the columns.
    private static string Clean(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));
}

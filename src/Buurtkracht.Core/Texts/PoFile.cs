using System.Globalization;
using System.Text;

namespace Buurtkracht.Core.Texts;

/// <summary>One entry of a gettext catalogue: its key (msgctxt), the Dutch source (msgid), the text (msgstr) and whether it is a draft (fuzzy).</summary>
public sealed record PoEntry(string Key, string Source, string Text, bool Draft, IReadOnlyList<string> TranslatorComments, IReadOnlyList<string> ExtractedComments);

/// <summary>
/// A small, strict reader for the gettext .po files this project writes: every entry has a msgctxt (the key), a msgid
/// (the Dutch text) and one msgstr; "#, fuzzy" marks a draft. Anything else (plurals, obsolete entries, a key twice)
/// is an error with its line number, so a broken catalogue fails at start and in the tests, never silently.
/// </summary>
public static class PoFile
{
    public static IReadOnlyList<PoEntry> Parse(string text, string name)
    {
        var entries = new List<PoEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0) { i++; continue; }
            var start = i + 1;
            var translator = new List<string>();
            var extracted = new List<string>();
            var draft = false;
            string? ctxt = null, id = null, str = null;
            while (i < lines.Length && lines[i].StartsWith('#'))
            {
                var line = lines[i];
                if (line.StartsWith("#,", StringComparison.Ordinal))
                    draft |= line[2..].Split(',').Any(f => f.Trim() == "fuzzy");
                else if (line.StartsWith("#.", StringComparison.Ordinal)) extracted.Add(line[2..].Trim());
                else if (line.StartsWith("#~", StringComparison.Ordinal) || line.StartsWith("#|", StringComparison.Ordinal))
                    throw Error(name, i + 1, "obsolete and previous-msgid entries are not supported; remove them");
                else if (!line.StartsWith("#:", StringComparison.Ordinal)) translator.Add(line.Length > 1 ? line[1..].Trim() : "");
                i++;
            }
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                var line = lines[i];
                var space = line.IndexOf(' ');
                var keyword = space < 0 ? line : line[..space];
                if (keyword is not ("msgctxt" or "msgid" or "msgstr"))
                    throw Error(name, i + 1, $"expected msgctxt, msgid or msgstr, found \"{Cut(line)}\"");
                var value = new StringBuilder(Unquote(line[(space + 1)..], name, i + 1));
                i++;
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('"'); i++) value.Append(Unquote(lines[i].Trim(), name, i + 1));
                switch (keyword)
                {
                    case "msgctxt" when ctxt is null && id is null: ctxt = value.ToString(); break;
                    case "msgid" when id is null: id = value.ToString(); break;
                    case "msgstr" when id is not null && str is null: str = value.ToString(); break;
                    default: throw Error(name, i, $"{keyword} out of order or twice in the entry that starts on line {start}");
                }
            }
            if (id is null || str is null) throw Error(name, start, "an entry needs a msgid and a msgstr");
            if (ctxt is null)
            {
                if (id.Length == 0) continue; // the header
                throw Error(name, start, "an entry needs a msgctxt: the key the code asks for");
            }
            if (!keys.Add(ctxt)) throw Error(name, start, $"the key {ctxt} appears twice");
            entries.Add(new PoEntry(ctxt, id, str, draft, translator, extracted));
        }
        return entries;
    }

    private static string Unquote(string quoted, string name, int line)
    {
        quoted = quoted.Trim();
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"') throw Error(name, line, "a text must be in double quotes");
        var result = new StringBuilder();
        for (var k = 1; k < quoted.Length - 1; k++)
        {
            var c = quoted[k];
            if (c == '"') throw Error(name, line, "a double quote inside a text must be written as \\\"");
            if (c != '\\') { result.Append(c); continue; }
            if (++k >= quoted.Length - 1) throw Error(name, line, "a backslash at the end of a text");
            result.Append(quoted[k] switch
            {
                'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\',
                var other => throw Error(name, line, $"unknown escape \\{other}"),
            });
        }
        return result.ToString();
    }

    private static string Cut(string line) => line.Length > 40 ? line[..40] + "…" : line;

    private static FormatException Error(string name, int line, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name}, line {line}: {why}"));
}

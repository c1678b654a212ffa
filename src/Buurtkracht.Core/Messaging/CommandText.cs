namespace Buurtkracht.Core.Messaging;

/// <summary>Reads "/command argument" from typed text, for channels whose platform does not mark commands itself.</summary>
public static class CommandText
{
    public static InboundContent Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '/' || !char.IsLetter(trimmed[1])) return new TextContent(text);
        var space = trimmed.IndexOfAny([' ', '\n']);
        var name = (space < 0 ? trimmed[1..] : trimmed[1..space]).ToLowerInvariant();
        var argument = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        return new CommandContent(name, argument);
    }
}

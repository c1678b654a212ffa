using Buurtkracht.Core.Members;
using Buurtkracht.Core.Texts;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// A user-facing text by its catalogue key ("Meldingen.AskTheme"); the words live in Texts/{language}.po.
/// Placeholders use string.Format syntax.
/// </summary>
public sealed record TextKey(string Key)
{
    public string In(string language, params object?[] args) => TextCatalog.Shared.Format(language, Key, args);

    /// <summary>The Dutch text: groups, exports and logs that are always Dutch.</summary>
    public string Nl => In(Languages.Dutch);

    /// <summary>The English text.</summary>
    public string En => In(Languages.English);

    public override string ToString() => Key;
}

/// <summary>A catalogue text with the values for its placeholders, to be said later in a language not known yet.</summary>
public sealed record Phrase(TextKey Key, params object?[] Args)
{
    /// <summary>Values that are texts themselves (a <see cref="TextKey"/> or a Phrase) are said in the same language.</summary>
    public string In(string language) =>
        Key.In(language, Args.Select(a => a switch { TextKey k => k.In(language), Phrase p => p.In(language), _ => a }).ToArray());

    public string Nl => In(Members.Languages.Dutch);

    public static implicit operator Phrase(TextKey key) => new(key);
}

using Buurtkracht.Core.Texts;

namespace Buurtkracht.Core.Tests.Texts;

public sealed class PoFileTests
{
    private const string Header = "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n\n";

    [Fact]
    public void Reads_key_source_text_draft_flag_comments_and_multi_line_texts()
    {
        var entries = PoFile.Parse(Header + """
            # TODO: translate
            #. shown in the chat
            #: src/Buurtkracht.Core/Meldingen/MeldingTexts.cs
            #, fuzzy, c-format
            msgctxt "Meldingen.AskTheme"
            msgid ""
            "Waar gaat je melding over?\n"
            "Zeg het \"kort\"."
            msgstr "ما موضوع بلاغك؟\n\\ {0}"

            msgctxt "Meldingen.Schoon"
            msgid "Schoon"
            msgstr "نظيف"
            """, "ar.po");

        Assert.Equal(2, entries.Count);
        var first = entries[0];
        Assert.Equal("Meldingen.AskTheme", first.Key);
        Assert.Equal("Waar gaat je melding over?\nZeg het \"kort\".", first.Source);
        Assert.Equal("ما موضوع بلاغك؟\n\\ {0}", first.Text);
        Assert.True(first.Draft);
        Assert.Equal(["TODO: translate"], first.TranslatorComments);
        Assert.Equal(["shown in the chat"], first.ExtractedComments);
        Assert.False(entries[1].Draft);
    }

    [Theory]
    [InlineData("msgctxt \"A.B\"\nmsgid \"x\"\nmsgstr \"y\"\n\nmsgctxt \"A.B\"\nmsgid \"x\"\nmsgstr \"z\"\n", "line 5: the key A.B appears twice")]
    [InlineData("msgid \"x\"\nmsgstr \"y\"\n", "line 1: an entry needs a msgctxt")]
    [InlineData("msgctxt \"A.B\"\nmsgid \"x\"\nmsgid_plural \"xs\"\nmsgstr[0] \"y\"\n", "line 3: expected msgctxt, msgid or msgstr")]
    [InlineData("msgctxt \"A.B\"\nmsgid \"x\"\nmsgstr \"a \\q\"\n", "line 3: unknown escape \\q")]
    [InlineData("msgctxt \"A.B\"\nmsgid \"x\"\nmsgstr \"a \"b\"\"\n", "line 3: a double quote inside a text")]
    [InlineData("msgctxt \"A.B\"\nmsgid \"x\"\n", "line 1: an entry needs a msgid and a msgstr")]
    [InlineData("#~ msgctxt \"A.B\"\n#~ msgid \"x\"\n", "line 1: obsolete")]
    [InlineData("msgctxt \"A.B\"\nmsgstr \"y\"\nmsgid \"x\"\n", "out of order")]
    public void Refuses_what_it_does_not_understand_with_the_line(string body, string error)
    {
        var ex = Assert.Throws<FormatException>(() => PoFile.Parse(body, "x.po"));
        Assert.Contains(error, ex.Message);
        Assert.StartsWith("x.po, line", ex.Message);
    }

    [Fact]
    public void Placeholders_are_compared_by_index_and_format_without_escaped_braces()
    {
        Assert.Equal(["0", "1:N0"], Placeholders.Of("{1:N0} van {0} {{2}}"));
        Assert.Equal(["0", "0"], Placeholders.Of("{0} en {0}"));
        Assert.Equal("\u2068{0}\u2069 {{1}}", Placeholders.Isolate("{0} {{1}}"));
    }
}

using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Infrastructure;
using Buurtkracht.Core.Tests.Questionnaires;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Texts;

/// <summary>Whose language a message is in: the person's in private, Dutch in groups, the platform's at first contact.</summary>
public sealed class PersonLanguageTests : HarnessTests
{
    private static readonly Sender Sara = new("201", "Sara Haddad", "ar");
    private static readonly Sender Olena = new("202", "Olena Koval", "uk-UA");
    private static readonly Sender Piotr = new("203", "Piotr Nowak", "pl");
    private static readonly Sender Ayse = new("204", "Ayşe Yılmaz", "tr");
    private static readonly Sender Luis = new("205", "Luis Souza", "pt-BR");

    [Fact]
    public async Task Taal_offers_every_language_by_its_own_name_and_a_choice_sticks()
    {
        var ask = await H.PrivateAsync(Anna, "/taal");

        Assert.Equal(MemberTexts.AskLanguage.Nl, ask.Last.Text);
        Assert.Equal(["Nederlands", "English", "العربية", "Türkçe", "Українська", "Polski"], ask.Last.Choices.SelectMany(r => r).Select(c => c.Label));
        var chosen = await H.PrivateAsync(Anna, new ChoiceContent("taal:uk"));
        Assert.Equal(["Добре, відтепер я писатиму тобі українською."], chosen.Texts);
        Assert.Equal("uk", await H.DbAsync(db => db.Members.Where(m => m.ChannelUserId == Anna.UserId).Select(m => m.Language).SingleAsync()));
        Assert.StartsWith(MemberTexts.HelpIntro.In("uk"), (await H.PrivateAsync(Anna, "/help")).Last.Text);
    }

    [Fact]
    public async Task A_typed_own_name_counts_as_the_press_and_another_word_asks_again()
    {
        await H.PrivateAsync(Anna, "/taal");
        Assert.Equal([MemberTexts.LanguageSet.In("tr")], (await H.PrivateAsync(Anna, "Türkçe")).Texts);

        await H.PrivateAsync(Anna, "/taal");
        var refused = await H.PrivateAsync(Anna, "Klingon");
        Assert.Contains(ConversationTexts.UseTheButtons.In("tr"), refused.Texts[0]);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("uk")]
    [InlineData("pl")]
    [InlineData("tr")]
    public async Task A_new_person_gets_the_language_the_platform_tells_when_it_is_shipped(string language)
    {
        var who = new[] { Sara, Olena, Piotr, Ayse }.Single(s => Languages.FromPlatform(s.LanguageCode) == language);

        var welcome = await H.PrivateAsync(who, "/start");

        Assert.Equal([MemberTexts.Welcome.In(language, who.DisplayName.Split(' ')[0])], welcome.Texts);
        Assert.Equal(language, await H.DbAsync(db => db.Members.Where(m => m.ChannelUserId == who.UserId).Select(m => m.Language).SingleAsync()));
    }

    [Fact]
    public async Task A_platform_language_the_bot_does_not_speak_is_Dutch()
    {
        Assert.Equal([MemberTexts.Welcome.In("nl", "Luis")], (await H.PrivateAsync(Luis, "/start")).Texts);
    }

    [Fact]
    public async Task Group_messages_stay_Dutch_whatever_the_language_of_the_person_who_asks()
    {
        await H.PrivateAsync(Sara, "/start");

        var help = await H.GroupAsync(Sara, "/help");
        var melding = await H.GroupAsync(Sara, "/melding");

        Assert.StartsWith(MemberTexts.HelpIntro.Nl, help.Last.Text);
        Assert.StartsWith(ConversationTexts.PrivateOnlyMelding.Nl[..20], melding.Last.Text);
        // And privately she is still answered in Arabic.
        Assert.StartsWith(MemberTexts.HelpIntro.In("ar"), (await H.PrivateAsync(Sara, "/help")).Last.Text);
    }
}

/// <summary>Questionnaires in the person's language, with Dutch where the YAML has no translation; results by option value.</summary>
public sealed class QuestionnaireLanguageTests
{
    private const string PartlyTranslated = """
        key: taaltest
        anonymous: true
        title: { nl: "Taaltest", ar: "اختبار اللغة" }
        intro: { nl: "Twee vragen." }
        questions:
          - id: kleur
            kind: single
            text: { nl: "Welke kleur?", ar: "أي لون؟", pl: "Jaki kolor?" }
            options:
              - { value: rood, nl: "Rood", ar: "أحمر", pl: "Czerwony" }
              - { value: blauw, nl: "Blauw" }
          - id: tuin
            kind: yesno
            text: { nl: "Heb je een tuin?" }
        """;

    [Fact]
    public void A_text_missing_in_a_language_reads_the_Dutch()
    {
        var definition = QuestionnaireDefinition.Parse(PartlyTranslated);

        Assert.Equal("اختبار اللغة", definition.Title.In("ar"));
        Assert.Equal("Taaltest", definition.Title.In("pl"));
        Assert.Equal("Jaki kolor?", definition.Questions[0].Text.In("pl"));
        Assert.Equal(["أحمر", "Blauw"], definition.Questions[0].Options.Select(o => o.Label.In("ar")));
        Assert.Equal("Heb je een tuin?", definition.Questions[1].Text.In("uk"));
    }

    [Fact]
    public async Task People_in_five_languages_see_their_own_texts_and_their_answers_count_by_option()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12), ("taaltest.yaml", PartlyTranslated));
        await using var __ = h;
        Sender[] people = [new("301", "Sara", "ar"), new("302", "Piotr", "pl"), new("303", "Olena", "uk"), new("304", "Jan", "nl"), new("305", "Ayşe", "tr")];
        var group = await h.SetUpGroupAsync(people);
        var send = await h.SendToGroupAsync("taaltest", group);

        var arabic = await h.PressAsync(people[0], $"vl:{send}");
        Assert.Contains("أي لون؟", arabic.Last.Text);
        Assert.Equal(["أحمر", "Blauw"], arabic.Last.Choices.Take(2).Select(r => r.Single().Label));
        Assert.StartsWith(QuestionnaireTexts.Progress.In("ar", 1, 2), arabic.Last.Text);
        await h.PressAsync(people[0], "a:rood");
        await h.PressAsync(people[0], "a:ja");
        foreach (var (who, colour) in people.Skip(1).Zip(new[] { "rood", "blauw", "rood", "rood" }))
        {
            await h.PressAsync(who, $"vl:{send}");
            await h.PressAsync(who, $"a:{colour}");
            await h.PressAsync(who, "a:nee");
        }

        var results = await h.ResultsAsync(new ResultFilter("taaltest", SendId: send));
        Assert.Equal(5, results.Respondents);
        var kleur = results.Questions.Single(q => q.QuestionId == "kleur");
        Assert.Equal(4, kleur.Distribution["rood"]);
        Assert.Equal(1, kleur.Distribution["blauw"]);
    }
}

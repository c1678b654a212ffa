using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Meldingen.Suggestions;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>The category suggested from the description: the classifier on a held-out part of its examples, and the dialog.</summary>
public sealed class CategorySuggestionTests(ITestOutputHelper output)
{
    /// <summary>Every fifth example of each category is held out; the model is trained on the other four fifths.</summary>
    public static (List<CategoryExample> Train, List<CategoryExample> Test) Split(IReadOnlyList<CategoryExample> examples)
    {
        var (train, test) = (new List<CategoryExample>(), new List<CategoryExample>());
        foreach (var category in examples.GroupBy(e => e.Code))
            foreach (var (example, i) in category.Select((e, i) => (e, i)))
                (i % 5 == 4 ? test : train).Add(example);
        return (train, test);
    }

    [Fact]
    public void The_shipped_examples_have_at_least_forty_per_category_and_name_only_existing_categories()
    {
        var examples = CategoryClassifier.LoadExamples();
        var codes = MeldingCategorySeed.Rows.Select(r => r.Code).ToHashSet();
        Assert.All(examples, e => Assert.Contains(e.Code, codes));
        var perCategory = examples.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(16, perCategory.Count);
        Assert.All(perCategory, p => Assert.True(p.Value >= 40, $"{p.Key}: {p.Value}"));
        Assert.Equal(examples.Count, examples.Select(e => e.Text).Distinct().Count());
    }

    [Fact]
    public async Task On_the_held_out_fifth_the_classifier_is_right_three_times_in_four_and_more_often_when_it_is_sure()
    {
        var (train, test) = Split(CategoryClassifier.LoadExamples());
        var classifier = new CategoryClassifier(train);
        await classifier.WhenReady;

        var right = test.Count(e => classifier.Suggest(e.Text)!.Code == e.Code);
        var accuracy = (double)right / test.Count;
        var confident = test.Select(e => (e, s: classifier.Suggest(e.Text)!)).Where(x => x.s.Confidence >= new SuggestionOptions().MinConfidence).ToList();
        var confidentRight = confident.Count(x => x.s.Code == x.e.Code);
        output.WriteLine($"held out: {test.Count} of {train.Count + test.Count}; top-1 accuracy {accuracy:P1} ({right}/{test.Count}); " +
            $"above the threshold {confident.Count} ({(double)confident.Count / test.Count:P1}), of which right {(double)confidentRight / Math.Max(1, confident.Count):P1}");
        // Measured 75.8 % top-1 and 84 % above the threshold (README); some categories overlap by nature (afval, grofvuil,
        // containers), which is why only a confident suggestion is offered and the buttons stay one tap away.
        Assert.True(accuracy >= 0.72, $"accuracy {accuracy:P1}");
        Assert.True((double)confidentRight / confident.Count >= 0.8, $"right above the threshold {(double)confidentRight / confident.Count:P1}");
    }

    private static async Task<CoreHarness> StartReadyAsync()
    {
        var h = await StartAsync();
        await h.Services.GetRequiredService<CategoryClassifier>().WhenReady;
        return h;
    }

    [Fact]
    public async Task A_description_after_melding_gets_its_category_suggested_and_one_tap_confirms_it()
    {
        await using var h = await StartReadyAsync();
        var question = (await h.PrivateAsync(Anna, "/melding De lantaarnpaal bij nummer 12 doet het niet")).Last;
        var lighting = await CategoryIdAsync(h, "verlichting");

        Assert.Equal(MeldingTexts.AskThemeWithSuggestion.In("nl", "Openbare verlichting"), question.Text);
        Assert.Equal([$"suggestie:{lighting}", "thema:Schoon", "thema:Heel", "thema:Veilig"], question.Choices.SelectMany(r => r).Select(c => c.Data));
        Assert.Equal("Ja, Openbare verlichting", question.Choices[0][0].Label);

        Assert.Equal(MeldingTexts.AskLocationShare.Nl, (await h.PrivateAsync(Anna, new ChoiceContent($"suggestie:{lighting}"))).Last.Text);
        // The description was given already: on to the photos.
        Assert.Equal(MeldingTexts.AskPhotos.Nl, (await h.PrivateAsync(Anna, "Kerkstraat 12")).Last.Text);
        await h.PrivateAsync(Anna, new ChoiceContent("fotos:klaar"));
        var summary = (await h.PrivateAsync(Anna, new ChoiceContent("contact:anoniem"))).Last;
        Assert.Contains("Heel – Openbare verlichting", summary.Text);
        Assert.Contains("Wat er is: De lantaarnpaal bij nummer 12 doet het niet", summary.Text);
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));
        var melding = await h.DbAsync(db => db.Meldingen.SingleAsync());
        Assert.Equal((lighting, MeldingTheme.Heel, "De lantaarnpaal bij nummer 12 doet het niet"), (melding.CategoryId, melding.Theme, melding.Description));
    }

    [Fact]
    public async Task Without_a_confident_suggestion_the_theme_buttons_come_as_today_and_the_text_is_kept_as_description()
    {
        await using var h = await StartReadyAsync();
        var question = (await h.PrivateAsync(Anna, "/melding Ik weet niet zo goed hoe ik dit moet zeggen")).Last;
        Assert.Equal(MeldingTexts.AskTheme.Nl, question.Text);
        Assert.Equal(["thema:Schoon", "thema:Heel", "thema:Veilig"], question.Choices.SelectMany(r => r).Select(c => c.Data));
    }

    [Fact]
    public async Task A_description_typed_on_its_own_starts_a_melding_with_the_suggestion()
    {
        await using var h = await StartReadyAsync();
        var turn = await h.PrivateAsync(Anna, "De lantaarnpaal bij nummer 12 doet het niet");
        Assert.Equal(MeldingTexts.FreeTextStartsMelding.Nl, turn.Texts[0]);
        Assert.Equal(MeldingTexts.AskThemeWithSuggestion.In("nl", "Openbare verlichting"), turn.Last.Text);
        Assert.Equal([Buurtkracht.Core.Conversations.ConversationTexts.Stopped.Nl], (await h.PrivateAsync(Anna, "stop")).Texts);
        Assert.Null(await h.DbAsync(db => db.DialogStates.SingleOrDefaultAsync()));
    }

    [Fact]
    public async Task A_safety_keyword_in_the_description_shows_112_first()
    {
        await using var h = await StartReadyAsync();
        var turn = await h.PrivateAsync(Anna, "/melding Er is brand in de container bij de flat");
        Assert.Equal(MeldingTexts.Safety.Nl, turn.Texts[0]);
        Assert.Contains("112", turn.Texts[0]);
        Assert.Contains("0900-8844", turn.Texts[0]);
        Assert.Equal(2, turn.Texts.Count);
    }
}

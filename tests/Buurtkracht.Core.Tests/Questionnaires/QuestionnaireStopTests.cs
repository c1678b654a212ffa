using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Questionnaires;

/// <summary>"stop" in a questionnaire says what really happens and offers both: stop for now, or throw away.</summary>
public sealed class QuestionnaireStopTests
{
    private static async Task<(CoreHarness H, int Send)> OpenedAsync()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12), ("alles.yaml", QuestionnaireTestBed.AllKinds));
        var group = await h.SetUpGroupAsync(People.Anna);
        var send = await h.SendToGroupAsync("test-alles", group);
        await h.PressAsync(People.Anna, $"vl:{send}");
        await h.PressAsync(People.Anna, "a:4");
        return (h, send);
    }

    [Fact]
    public async Task Stop_asks_whether_to_keep_the_answers_and_later_verder_keeps_them_for_vragenlijst()
    {
        var (h, _) = await OpenedAsync();
        await using var __ = h;

        var stop = await h.PrivateAsync(People.Anna, "stop");

        Assert.Equal(QuestionnaireTexts.AskStop.Nl, stop.Last.Text);
        Assert.Equal(["Later verder", "Antwoorden weggooien", "Toch doorgaan"], stop.Last.Choices.Select(r => r.Single().Label));
        Assert.DoesNotContain(stop.Texts, t => t.Contains("Er is niets verstuurd"));
        Assert.Equal([QuestionnaireTexts.Paused.Nl], (await h.PressAsync(People.Anna, "pause")).Texts);

        var again = await h.PrivateAsync(People.Anna, "/vragenlijst");
        Assert.Equal(QuestionnaireTexts.Resumed.Nl, again.Texts[0]);
        Assert.StartsWith("Vraag 2 van 7", again.Last.Text);
    }

    [Fact]
    public async Task Throwing_away_empties_the_draft_and_vragenlijst_starts_at_the_first_question()
    {
        var (h, _) = await OpenedAsync();
        await using var __ = h;
        await h.PrivateAsync(People.Anna, "stop");

        Assert.Equal([QuestionnaireTexts.Discarded.Nl], (await h.PressAsync(People.Anna, "discard")).Texts);
        Assert.Equal("{}", await h.DbAsync(db => db.Set<QuestionnaireParticipation>().Select(p => p.DraftJson).SingleAsync()));

        var again = await h.PrivateAsync(People.Anna, "/vragenlijst");
        Assert.NotEqual(QuestionnaireTexts.Resumed.Nl, again.Texts[0]);
        Assert.StartsWith("Vraag 1 van 7", again.Last.Text);
    }

    [Fact]
    public async Task Going_on_returns_to_the_open_question_and_back_still_walks_the_real_path()
    {
        var (h, _) = await OpenedAsync();
        await using var __ = h;
        await h.PrivateAsync(People.Anna, "stop");

        Assert.StartsWith("Vraag 2 van 7", (await h.PressAsync(People.Anna, "continue")).Last.Text);
        Assert.StartsWith("Vraag 1 van 7", (await h.PrivateAsync(People.Anna, "terug")).Last.Text);
    }

    [Fact]
    public async Task Stop_typed_at_the_stop_question_keeps_the_answers()
    {
        var (h, _) = await OpenedAsync();
        await using var __ = h;
        await h.PrivateAsync(People.Anna, "stop");

        Assert.Equal([QuestionnaireTexts.Paused.Nl], (await h.PrivateAsync(People.Anna, "stop")).Texts);
        Assert.Equal(0, await h.DbAsync(db => db.DialogStates.CountAsync()));
    }

    private static string DefinitionsFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Buurtkracht.Bot.sln"))) folder = folder.Parent;
        return Path.Combine(folder!.FullName, "src", "Buurtkracht.Core", "Questionnaires", "Definitions");
    }

    public static TheoryData<string> Shipped => new(Directory.GetFiles(DefinitionsFolder(), "*.yaml").Select(f => Path.GetFileName(f)));

    [Theory]
    [MemberData(nameof(Shipped))]
    public void No_shipped_questionnaire_repeats_its_first_question_in_its_title_or_intro(string file)
    {
        var definition = QuestionnaireDefinition.Parse(File.ReadAllText(Path.Combine(DefinitionsFolder(), file)));
        foreach (var language in new[] { "nl", "en" })
        {
            var question = definition.Questions[0].Text.In(language).Trim();
            Assert.NotEqual(question, definition.Title.In(language).Trim());
            Assert.DoesNotContain(question, definition.Intro.In(language));
        }
    }
}

using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Events;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Questionnaires;

/// <summary>The core harness with a folder of extra questionnaire definitions and helpers to send and answer.</summary>
internal static class QuestionnaireTestBed
{
    public static readonly Sender Eva = new("105", "Eva Jansen", "nl");
    public static readonly Sender Frank = new("106", "Frank de Wit", "nl");

    /// <summary>Every question kind, one optional question and a skip rule ("nee" at jn skips extra).</summary>
    public const string AllKinds = """
        key: test-alles
        anonymous: false
        title: { nl: "Testlijst", en: "Test list" }
        intro: { nl: "Zeven vragen.", en: "Seven questions." }
        questions:
          - id: schaal
            kind: scale
            text: { nl: "Hoe gaat het?", en: "How are you?" }
            low: { nl: "Slecht", en: "Bad" }
            high: { nl: "Goed", en: "Good" }
          - id: kies
            kind: single
            text: { nl: "Welke kleur?", en: "Which colour?" }
            options:
              - { value: rood, nl: "Rood", en: "Red" }
              - { value: blauw, nl: "Blauw", en: "Blue" }
          - id: meer
            kind: multiple
            text: { nl: "Wat drink je?", en: "What do you drink?" }
            options:
              - { value: koffie, nl: "Koffie", en: "Coffee" }
              - { value: thee, nl: "Thee", en: "Tea" }
              - { value: water, nl: "Water", en: "Water" }
          - id: jn
            kind: yesno
            text: { nl: "Heb je een tuin?", en: "Do you have a garden?" }
            skip: { if: nee, goto: getal }
          - id: extra
            kind: text
            text: { nl: "Wat groeit er?", en: "What grows there?" }
          - id: getal
            kind: number
            min: 0
            max: 10
            text: { nl: "Hoeveel buren ken je?", en: "How many neighbours do you know?" }
          - id: tekst
            kind: text
            optional: true
            text: { nl: "Nog iets?", en: "Anything else?" }
        """;

    public static async Task<(CoreHarness H, string Folder)> StartAsync(DateTimeOffset now, params (string File, string Yaml)[] definitions)
    {
        var folder = Path.Combine(Path.GetTempPath(), "buurtkracht-core-tests", "vragenlijsten-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (file, yaml) in definitions) await File.WriteAllTextAsync(Path.Combine(folder, file), yaml);
        var h = await EventTestBed.StartAsync(now, new Dictionary<string, string?> { ["Questionnaires:DefinitionsFolder"] = folder });
        return (h, folder);
    }

    public static QuestionnaireService Questionnaires(this CoreHarness h) => h.Services.GetRequiredService<QuestionnaireService>();

    /// <summary>The group exists (people spoke in it) and everyone given has opened the private chat.</summary>
    public static async Task<int> SetUpGroupAsync(this CoreHarness h, params Sender[] people)
    {
        foreach (var p in people)
        {
            await h.GroupAsync(p, "Hallo");
            await h.PrivateAsync(p, "/start");
        }
        return await h.DbAsync(db => db.StreetGroups.Where(g => g.ChatId == People.GroupChatId).Select(g => g.Id).SingleAsync());
    }

    /// <summary>Plans a send to the group, opening now, and runs the sweep that posts it.</summary>
    public static async Task<int> SendToGroupAsync(this CoreHarness h, string key, int groupId)
    {
        var id = await h.DbAsync(async db =>
        {
            var send = await h.Questionnaires().CreateSendAsync(db, key, QuestionnaireTarget.Group, groupId, h.Clock.GetUtcNow(), null, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return send.Id;
        });
        await h.SweepQuestionnairesAsync();
        return id;
    }

    public static Task<QuestionnaireService.SweepResult> SweepQuestionnairesAsync(this CoreHarness h) =>
        h.DbAsync(db => h.Questionnaires().SweepAsync(db, h.Clock.GetUtcNow()));

    public static Task<Turn> PressAsync(this CoreHarness h, Sender who, string data) => h.PrivateAsync(who, new ChoiceContent(data));

    public static Task<QuestionnaireResult> ResultsAsync(this CoreHarness h, ResultFilter filter) =>
        h.DbAsync(db => h.Services.GetRequiredService<QuestionnaireResults>().ComputeAsync(db, filter));

    public static Task<List<QuestionnaireAnswer>> AnswersAsync(this CoreHarness h, string responseId) =>
        h.DbAsync(db => db.Set<QuestionnaireAnswer>().Where(a => a.ResponseId == responseId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Answers the buurtpeiling (3 scales, 2 yes/no) with the given values, from opening to thanks.</summary>
    public static async Task<Turn> AnswerBuurtpeilingAsync(this CoreHarness h, Sender who, int sendId, int proud, int know, int safe, bool fixi, bool preventie)
    {
        await h.PressAsync(who, $"vl:{sendId}");
        await h.PressAsync(who, $"a:{proud}");
        await h.PressAsync(who, $"a:{know}");
        await h.PressAsync(who, $"a:{safe}");
        await h.PressAsync(who, fixi ? "a:ja" : "a:nee");
        return await h.PressAsync(who, preventie ? "a:ja" : "a:nee");
    }
}

using System.Globalization;
using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// The municipality's extra questions for a category (the required attributes of its Open311 service definition), one
/// at a time inside /melding: buttons for a list, text for the rest. The questions are copied into the dialog when the
/// category is chosen, so a refreshed definition never changes a question halfway.
/// </summary>
internal static class AttributeSteps
{
    public const string StepId = "vragen";
    private const string QuestionsKey = "vragen";
    private const string IndexKey = "vraag";
    private const string AnswersKey = "extra";
    private const string ChosenKey = "gekozen";
    private const string Prefix = "attr:";
    private const string DoneData = "attr:klaar";
    public const int MaxAnswer = 200;

    /// <summary>A question as stored in the dialog: the attribute's code, datatype, text and list values (key, name).</summary>
    public sealed record Question(string Code, string Datatype, string Text, List<string[]> Values);

    /// <summary>An answer as the melding stores it.</summary>
    public sealed record Reply(string Code, string Value, string Question, string Answer);

    /// <summary>Takes the category's questions from the catalog's cache; clears earlier answers when the category changed.</summary>
    public static void Prepare(TurnContext ctx, Open311Catalog? catalog, MeldingCategory category)
    {
        var questions = (catalog?.CachedQuestions(category) ?? [])
            .Select(a => new Question(a.Code!, a.Datatype ?? "string", (a.Description ?? a.Code!).Trim(),
                (a.Values ?? []).Select(v => new[] { v.KeyText, v.Name ?? v.KeyText }).ToList()))
            .ToList();
        var json = JsonSerializer.Serialize(questions);
        if (ctx.Values[QuestionsKey] == json) return;
        ctx.Values[QuestionsKey] = questions.Count > 0 ? json : null;
        ctx.Values[IndexKey] = null;
        ctx.Values[AnswersKey] = null;
        ctx.Values[ChosenKey] = null;
    }

    private static List<Question> Questions(TurnContext ctx) =>
        ctx.Values[QuestionsKey] is { } json ? JsonSerializer.Deserialize<List<Question>>(json) ?? [] : [];

    public static List<Reply> Answers(TurnContext ctx) =>
        ctx.Values[AnswersKey] is { } json ? JsonSerializer.Deserialize<List<Reply>>(json) ?? [] : [];

    /// <summary>Whether a question is still unanswered.</summary>
    public static bool Pending(TurnContext ctx) => Answers(ctx).Count < Questions(ctx).Count;

    public static Task<OutgoingMessage> AskAsync(TurnContext ctx)
    {
        var questions = Questions(ctx);
        var index = Answers(ctx).Count;
        var question = questions[index];
        var text = ctx.T(MeldingTexts.AskAttribute, index + 1, questions.Count, question.Text);
        switch (question.Datatype)
        {
            case "singlevaluelist":
                return Task.FromResult(new OutgoingMessage
                {
                    Text = text,
                    Choices = question.Values.Select((v, i) => new Choice(v[1], Prefix + i.ToString(CultureInfo.InvariantCulture))).Chunk(2)
                        .Select(row => (IReadOnlyList<Choice>)row).ToList(),
                });
            case "multivaluelist":
                var chosen = Chosen(ctx);
                var choices = question.Values.Select((v, i) => new Choice((chosen.Contains(i) ? "✓ " : "") + v[1], Prefix + i.ToString(CultureInfo.InvariantCulture)))
                    .Append(ctx.Choice(MeldingTexts.Done, DoneData));
                return Task.FromResult(new OutgoingMessage
                {
                    Text = text + "\n" + ctx.T(MeldingTexts.AttributeChooseMore),
                    Choices = choices.Chunk(2).Select(row => (IReadOnlyList<Choice>)row).ToList(),
                });
            default:
                var hint = question.Datatype == "number" ? MeldingTexts.AttributeTypeNumber : MeldingTexts.AttributeTypeAnswer;
                return Task.FromResult(OutgoingMessage.Plain(text + "\n" + ctx.T(hint)) with { ExpectsTextReply = true });
        }
    }

    /// <summary>Stores the answer and asks the next question, or goes <paramref name="onwards"/> after the last one.</summary>
    public static Task<StepResult> AnswerAsync(TurnContext ctx, InboundContent answer, Func<TurnContext, StepResult> onwards)
    {
        var question = Questions(ctx)[Answers(ctx).Count];
        switch (question.Datatype)
        {
            case "singlevaluelist":
                if (ChosenIndex(answer, question) is not { } index) return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
                return Task.FromResult(Record(ctx, question, question.Values[index][0], question.Values[index][1], onwards));
            case "multivaluelist":
                var chosen = Chosen(ctx);
                if (answer is ChoiceContent { Data: DoneData })
                {
                    if (chosen.Count == 0) return Task.FromResult(StepResult.Retry(MeldingTexts.AttributeChooseOne));
                    ctx.Values[ChosenKey] = null;
                    var picked = chosen.Order().Select(i => question.Values[i]).ToList();
                    return Task.FromResult(Record(ctx, question, string.Join('\n', picked.Select(v => v[0])), string.Join(", ", picked.Select(v => v[1])), onwards));
                }
                if (ChosenIndex(answer, question) is not { } toggled) return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
                if (!chosen.Remove(toggled)) chosen.Add(toggled);
                ctx.Values[ChosenKey] = string.Join(',', chosen.Order());
                var names = chosen.Order().Select(i => question.Values[i][1]).ToList();
                return Task.FromResult(StepResult.Retry(MeldingTexts.AttributeChosen, names.Count > 0 ? string.Join(", ", names) : "-"));
            default:
                if (answer is not TextContent { Text: var typed }) return Task.FromResult(StepResult.Retry(MeldingTexts.AttributeTextExpected));
                typed = typed.Trim();
                if (typed.Length > MaxAnswer) return Task.FromResult(StepResult.Retry(MeldingTexts.AttributeTooLong));
                if (question.Datatype == "number")
                {
                    if (!decimal.TryParse(typed.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                        return Task.FromResult(StepResult.Retry(MeldingTexts.AttributeNumberExpected));
                    typed = number.ToString(CultureInfo.InvariantCulture);
                }
                return Task.FromResult(Record(ctx, question, typed, typed, onwards));
        }
    }

    private static int? ChosenIndex(InboundContent answer, Question question) =>
        answer is ChoiceContent { Data: var data } && data.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(data[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < question.Values.Count ? i : null;

    private static List<int> Chosen(TurnContext ctx) =>
        ctx.Values[ChosenKey]?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() ?? [];

    private static StepResult Record(TurnContext ctx, Question question, string value, string shown, Func<TurnContext, StepResult> onwards)
    {
        var answers = Answers(ctx);
        answers.Add(new Reply(question.Code, value, question.Text, shown));
        ctx.Values[AnswersKey] = JsonSerializer.Serialize(answers);
        // The same step again for the next question; after the last one, on.
        return Pending(ctx) ? StepResult.GoTo(StepId) : onwards(ctx);
    }

    /// <summary>"Lichtmastnummer: 12; Soort: Papier" for the summary; empty without answers.</summary>
    public static string SummaryLine(TurnContext ctx) =>
        string.Join("; ", Answers(ctx).Select(a => $"{a.Question.TrimEnd('?', ':', '.', ' ')}: {a.Answer}"));
}

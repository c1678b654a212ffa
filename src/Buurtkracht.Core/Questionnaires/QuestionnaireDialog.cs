using System.Globalization;
using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>
/// Answering one questionnaire send in the private chat: one question per step ("q1".."q40"), whichever definition the
/// send's version has. Every answer goes straight into the participation's draft, so "Later verder", "stop", an expired
/// dialog or a restart lose nothing: opening again resumes at the first unanswered question with the path so far as
/// history, so "terug" walks back through the questions actually asked (skip rules included).
/// </summary>
public sealed class QuestionnaireDialog : Dialog
{
    public const string DialogName = "vragenlijst";
    private const string Pause = "pause";
    private const string SkipData = "skip";
    private const string DoneData = "done";
    private const string StopStep = "stop";
    private const string DiscardData = "discard";
    private const string ContinueData = "continue";
    private readonly QuestionnaireService _service;
    private readonly ILogger<QuestionnaireDialog> _log;

    public QuestionnaireDialog(QuestionnaireService service, ILogger<QuestionnaireDialog> log)
    {
        _service = service;
        _log = log;
        Steps = Enumerable.Range(0, QuestionnaireDefinition.MaxQuestions)
            .Select(i => Step(StepId(i), ctx => AskAsync(ctx, i), (ctx, answer) => AnswerAsync(ctx, i, answer)))
            .Append(Step(StopStep, AskStop, AnswerStopAsync))
            .ToList();
    }

    public override string Name => DialogName;

    /// <summary>"stop" asks whether to keep the answers for later or throw them away: both are real choices here.</summary>
    public override string? StopStepId => StopStep;

    public override IReadOnlyList<DialogStep> Steps { get; }

    private static string StepId(int index) => $"q{index + 1}";

    public override async Task<bool> CanStartAsync(TurnContext ctx)
    {
        int sendId;
        if (int.TryParse(ctx.CommandArgument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var given)) sendId = given;
        else if (await QuestionnaireService.WaitingSendAsync(ctx) is { } waiting) sendId = waiting;
        else
        {
            ctx.Say(QuestionnaireTexts.NoneWaiting);
            return false;
        }
        var participation = await _service.OpenAsync(ctx, sendId);
        if (participation is null) return false;
        var send = await ctx.Db.Set<QuestionnaireSend>().FindAsync(sendId);
        var definition = await _service.Catalog.DefinitionAsync(ctx.Db, send!.VersionId);
        ctx.Values["p"] = participation.Id.ToString(CultureInfo.InvariantCulture);
        ctx.Values["v"] = send.VersionId.ToString(CultureInfo.InvariantCulture);
        ctx.Values["resume"] = "1";
        if (QuestionnaireService.Draft(participation).Count > 0) ctx.Say(QuestionnaireTexts.Resumed);
        else ctx.Say(QuestionnaireTexts.Intro, definition.Title.In(ctx.Language), definition.Intro.In(ctx.Language),
            ctx.T(definition.Anonymous ? QuestionnaireTexts.AnswersAnonymous : QuestionnaireTexts.AnswersNamed));
        _log.LogDebug("Questionnaire send {SendId} opened", sendId);
        return true;
    }

    private async Task<(QuestionnaireParticipation P, QuestionnaireDefinition D)> LoadAsync(TurnContext ctx)
    {
        var participation = await ctx.Db.Set<QuestionnaireParticipation>().FindAsync(long.Parse(ctx.Values["p"]!, CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException("Participation vanished.");
        var definition = await _service.Catalog.DefinitionAsync(ctx.Db, ctx.Values.GetInt("v")!.Value);
        return (participation, definition);
    }

    private async Task<OutgoingMessage> AskAsync(TurnContext ctx, int index)
    {
        var (participation, definition) = await LoadAsync(ctx);
        var draft = QuestionnaireService.Draft(participation);
        if (ctx.Values["resume"] == "1")
        {
            // Opened (again): go to the first unanswered question, with the questions answered so far as history.
            ctx.Values["resume"] = null;
            var (path, next) = definition.Walk(draft);
            if (next >= definition.Questions.Count) next = path.Count > 0 ? path[^1] : 0;
            if (path.Count > 0 && path[^1] == next) path.RemoveAt(path.Count - 1);
            index = next;
            ctx.DialogState!.StepId = StepId(index);
            ctx.DialogState.HistoryJson = JsonSerializer.Serialize(path.Select(StepId).ToList());
        }
        var q = definition.Questions[Math.Min(index, definition.Questions.Count - 1)];
        var lines = new List<string> { ctx.T(QuestionnaireTexts.Progress, index + 1, definition.Questions.Count), q.Text.In(ctx.Language) };
        var rows = new List<IReadOnlyList<Choice>>();
        switch (q.Kind)
        {
            case QuestionKind.Scale:
                if (q.Low is not null && q.High is not null) lines.Add(ctx.T(QuestionnaireTexts.ScaleEnds, q.Low.In(ctx.Language), q.High.In(ctx.Language)));
                rows.Add(Enumerable.Range(1, 5).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture), $"a:{n}")).ToList());
                break;
            case QuestionKind.YesNo:
                rows.Add([ctx.Choice(QuestionnaireTexts.Yes, "a:ja"), ctx.Choice(QuestionnaireTexts.No, "a:nee")]);
                break;
            case QuestionKind.Single:
                rows.AddRange(q.Options.Select(o => (IReadOnlyList<Choice>)[new Choice(o.Label.In(ctx.Language), $"a:{o.Value}")]));
                break;
            case QuestionKind.Multiple:
                var selected = Selection(ctx, q, draft);
                lines.Add(ctx.T(QuestionnaireTexts.MultipleHint));
                rows.AddRange(q.Options.Select(o => (IReadOnlyList<Choice>)[new Choice((selected.Contains(o.Value) ? "✓ " : "") + o.Label.In(ctx.Language), $"t:{o.Value}")]));
                rows.Add([ctx.Choice(QuestionnaireTexts.Done, DoneData)]);
                break;
            case QuestionKind.Number:
                lines.Add(q.Min is { } min && q.Max is { } max ? ctx.T(QuestionnaireTexts.NumberHint, min, max) : ctx.T(QuestionnaireTexts.NumberHintAny));
                break;
            case QuestionKind.Text:
                lines.Add(ctx.T(QuestionnaireTexts.TextHint));
                break;
        }
        if (draft.TryGetValue(q.Id, out var previous))
            lines.Add(ctx.T(QuestionnaireTexts.PreviousAnswer, previous.Length == 0 ? ctx.T(QuestionnaireTexts.Skipped) : Display(ctx, q, previous)));
        var last = new List<Choice>();
        if (q.Optional) last.Add(ctx.Choice(QuestionnaireTexts.Skip, SkipData));
        last.Add(ctx.Choice(QuestionnaireTexts.Later, Pause));
        rows.Add(last);
        return new OutgoingMessage
        {
            Text = string.Join("\n", lines),
            Choices = rows,
            ExpectsTextReply = q.Kind is QuestionKind.Number or QuestionKind.Text,
        };
    }

    private static Task<OutgoingMessage> AskStop(TurnContext ctx) => Task.FromResult(ctx.Question(QuestionnaireTexts.AskStop,
        [ctx.Choice(QuestionnaireTexts.Later, Pause), ctx.Choice(QuestionnaireTexts.Discard, DiscardData), ctx.Choice(QuestionnaireTexts.GoOn, ContinueData)], 1));

    private async Task<StepResult> AnswerStopAsync(TurnContext ctx, InboundContent answer)
    {
        switch (answer)
        {
            case ChoiceContent { Data: DiscardData }:
                var (participation, _) = await LoadAsync(ctx);
                participation.DraftJson = "{}";
                ctx.Say(QuestionnaireTexts.Discarded);
                return StepResult.End;
            case ChoiceContent { Data: ContinueData }:
                // Back to the question that was open when "stop" was typed: it is the last one in the history.
                var history = JsonSerializer.Deserialize<List<string>>(ctx.DialogState!.HistoryJson) ?? [];
                var open = history.Count > 0 ? history[^1] : StepId(0);
                if (history.Count > 0) history.RemoveAt(history.Count - 1);
                ctx.DialogState.HistoryJson = JsonSerializer.Serialize(history);
                return StepResult.GoTo(open);
            case ChoiceContent { Data: Pause }:
            case TextContent:
                // "stop" typed again at this question: the answers stay, as with Later verder.
                ctx.Say(QuestionnaireTexts.Paused);
                return StepResult.End;
            default:
                return StepResult.Retry(QuestionnaireTexts.UseButtons);
        }
    }

    private static HashSet<string> Selection(TurnContext ctx, Question q, Dictionary<string, string> draft)
    {
        var key = "sel:" + q.Id;
        var stored = ctx.Values[key] ?? draft.GetValueOrDefault(q.Id) ?? "";
        return stored.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }

    private static string Display(TurnContext ctx, Question q, string value) => q.Kind switch
    {
        QuestionKind.YesNo => ctx.T(value == "ja" ? QuestionnaireTexts.Yes : QuestionnaireTexts.No),
        QuestionKind.Single or QuestionKind.Multiple => string.Join(", ", value.Split(',').Select(v =>
            q.Options.FirstOrDefault(o => o.Value == v)?.Label.In(ctx.Language) ?? v)),
        _ => value,
    };

    private async Task<StepResult> AnswerAsync(TurnContext ctx, int index, InboundContent answer)
    {
        var (participation, definition) = await LoadAsync(ctx);
        var q = definition.Questions[index];
        var draft = QuestionnaireService.Draft(participation);
        if (answer is ChoiceContent { Data: Pause })
        {
            ctx.Say(QuestionnaireTexts.Paused);
            return StepResult.End;
        }
        // Closed while the person was answering: nothing more is stored.
        if (await ctx.Db.Set<QuestionnaireSend>().Where(s => s.Id == participation.SendId).Select(s => s.ClosesAt).SingleAsync() <= ctx.Now)
        {
            ctx.Say(QuestionnaireTexts.Closed);
            return StepResult.End;
        }
        string value;
        if (answer is ChoiceContent { Data: SkipData })
        {
            if (!q.Optional) return StepResult.Retry(QuestionnaireTexts.Required);
            value = "";
        }
        else
        {
            switch (q.Kind)
            {
                case QuestionKind.Scale or QuestionKind.YesNo or QuestionKind.Single:
                    if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("a:", StringComparison.Ordinal))
                        return StepResult.Retry(QuestionnaireTexts.UseButtons);
                    value = data[2..];
                    break;
                case QuestionKind.Multiple:
                    var selected = Selection(ctx, q, draft);
                    switch (answer)
                    {
                        case ChoiceContent { Data: var toggle } when toggle.StartsWith("t:", StringComparison.Ordinal):
                            if (!selected.Remove(toggle[2..])) selected.Add(toggle[2..]);
                            var ordered = q.Options.Where(o => selected.Contains(o.Value)).Select(o => o.Value).ToList();
                            ctx.Values["sel:" + q.Id] = string.Join(',', ordered);
                            return ordered.Count == 0
                                ? StepResult.Retry(q.Optional ? QuestionnaireTexts.NothingChosen : QuestionnaireTexts.NothingChosenRequired)
                                : StepResult.Retry(QuestionnaireTexts.ChosenSoFar, Display(ctx, q, string.Join(',', ordered)));
                        case ChoiceContent { Data: DoneData }:
                            if (selected.Count == 0)
                                return StepResult.Retry(q.Optional ? QuestionnaireTexts.NothingChosen : QuestionnaireTexts.NothingChosenRequired);
                            value = string.Join(',', q.Options.Where(o => selected.Contains(o.Value)).Select(o => o.Value));
                            ctx.Values["sel:" + q.Id] = null;
                            break;
                        default:
                            return StepResult.Retry(QuestionnaireTexts.UseButtons);
                    }
                    break;
                case QuestionKind.Number:
                    var typed = (answer as TextContent)?.Text.Trim().Replace(',', '.') ?? "";
                    if (!double.TryParse(typed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                        return StepResult.Retry(QuestionnaireTexts.NotANumber);
                    if ((q.Min is { } min && number < min) || (q.Max is { } max && number > max))
                        return StepResult.Retry(QuestionnaireTexts.OutOfRange, q.Min ?? double.MinValue, q.Max ?? double.MaxValue);
                    value = number.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    if (answer is not TextContent { Text: var text }) return StepResult.Retry(QuestionnaireTexts.TextHint);
                    value = text.Trim();
                    break;
            }
        }
        draft[q.Id] = value;
        participation.DraftJson = JsonSerializer.Serialize(draft);
        var next = definition.NextIndex(index, value.Length == 0 ? null : value);
        if (next >= definition.Questions.Count || next < 0)
        {
            await QuestionnaireService.CompleteAsync(ctx.Db, participation, definition, draft, ctx.Now);
            ctx.Say(definition.Anonymous ? QuestionnaireTexts.ThanksAnonymous : QuestionnaireTexts.Thanks);
            _log.LogDebug("Questionnaire response completed");
            return StepResult.End;
        }
        return StepResult.GoTo(StepId(next));
    }
}

/// <summary>
/// The "Invullen" button: privately it opens the questionnaire; pressed in a group it opens the private chat at the first
/// question where the platform can (Telegram), or sends the button privately (or the link, without a private chat).
/// </summary>
public sealed class QuestionnaireChoiceHandler : IChoiceHandler
{
    public string Prefix => QuestionnaireService.ChoicePrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        if (ctx.IsPrivate)
        {
            ctx.CommandArgument = payload;
            await ctx.StartDialogAsync(QuestionnaireDialog.DialogName);
            return;
        }
        var deepLink = QuestionnaireService.DeepLinkPayload(payload);
        if (ctx.OpenPrivately(deepLink))
            return;
        var member = ctx.Member;
        if (member.PrivateChatId is null || member.PrivateChatUnreachable)
        {
            ctx.Say(QuestionnaireTexts.OpenPrivately, ctx.Channel.PrivateChatLink(deepLink));
            return;
        }
        // Read in the private chat itself: it must not send the reader to the chat they are already in.
        ctx.SendTo(new ChatAddress(member.Channel, member.PrivateChatId), ChatKind.Private, new OutgoingMessage
        {
            Text = ctx.T(QuestionnaireTexts.StartHere),
            Choices = [[ctx.Choice(QuestionnaireTexts.Start, $"{Prefix}:{payload}")]],
        });
    }
}

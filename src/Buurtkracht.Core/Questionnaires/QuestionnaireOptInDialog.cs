using System.Globalization;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>
/// /peilingen: what buurtpeilingen are and what is stored, the buurten one is signed up for, and a button per buurt to
/// sign up or stop ("peiling:aan:{buurt}", "peiling:uit:{buurt}") until Klaar. One step that asks again after each press,
/// so a button of an earlier overview is caught as stale by the dialog runner.
/// </summary>
public sealed class QuestionnaireOptInDialog(ILogger<QuestionnaireOptInDialog> log) : Dialog
{
    public const string DialogName = "peilingen";
    public const string ChoicePrefix = "peiling";
    internal const string DonePayload = "klaar";
    private const string OptInPayload = "aan";
    private const string OptOutPayload = "uit";

    public override string Name => DialogName;

    public override IReadOnlyList<DialogStep> Steps => [Step("buurten", AskAsync, AnswerAsync)];

    public override Task<bool> CanStartAsync(TurnContext ctx)
    {
        // Opened with the command or its deep link: first say what it is; reopened by a button: only the overview.
        if (ctx.Message.Content is CommandContent) ctx.Say(QuestionnaireTexts.OptInIntro);
        return Task.FromResult(true);
    }

    private static async Task<OutgoingMessage> AskAsync(TurnContext ctx)
    {
        var buurten = await QuestionnaireOptIns.BuurtenAsync(ctx.Db);
        var mine = ctx.Member.Id == 0 ? [] : await QuestionnaireOptIns.BuurtIdsOfAsync(ctx.Db, ctx.Member.Id);
        var signedUp = buurten.Where(b => mine.Contains(b.Id)).Select(b => b.Name).ToList();
        var rows = buurten
            .Select(b => (IReadOnlyList<Choice>)[mine.Contains(b.Id)
                ? new Choice(ctx.T(QuestionnaireTexts.OptOutButton, b.Name), Data(OptOutPayload, b.Id))
                : new Choice(ctx.T(QuestionnaireTexts.OptInButton, b.Name), Data(OptInPayload, b.Id))])
            .Append([ctx.Choice(QuestionnaireTexts.Done, $"{ChoicePrefix}:{DonePayload}")])
            .ToList();
        return new OutgoingMessage
        {
            Text = signedUp.Count == 0 ? ctx.T(QuestionnaireTexts.OptInNone) : ctx.T(QuestionnaireTexts.OptInSome, string.Join(", ", signedUp)),
            Choices = rows,
        };
    }

    private static string Data(string action, int buurtId) => $"{ChoicePrefix}:{action}:{buurtId.ToString(CultureInfo.InvariantCulture)}";

    private async Task<StepResult> AnswerAsync(TurnContext ctx, InboundContent answer)
    {
        if (answer is not ChoiceContent { Data: var data } || !data.StartsWith(ChoicePrefix + ":", StringComparison.Ordinal))
            return StepResult.Retry(QuestionnaireTexts.OptInUseButtons);
        var payload = data[(ChoicePrefix.Length + 1)..];
        if (payload == DonePayload)
        {
            ctx.Say(QuestionnaireTexts.OptInDone);
            return StepResult.End;
        }
        // Said before the overview comes again, with the buttons as they are now.
        return await ApplyAsync(ctx, payload) is { } outcome
            ? StepResult.Retry(outcome.Said, outcome.Buurt)
            : StepResult.Retry(QuestionnaireTexts.OptInUseButtons);
    }

    /// <summary>
    /// Signs up or stops for the buurt in "aan:{id}" or "uit:{id}" and returns what to tell the person; null for a payload
    /// that names no buurt one can sign up for. Pressing the same button twice changes nothing and says so.
    /// </summary>
    internal async Task<(TextKey Said, string Buurt)?> ApplyAsync(TurnContext ctx, string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length != 2 || parts[0] is not (OptInPayload or OptOutPayload)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var buurtId)
            || (await QuestionnaireOptIns.BuurtenAsync(ctx.Db)).FirstOrDefault(b => b.Id == buurtId) is not { } buurt)
            return null;
        if (parts[0] == OptInPayload)
        {
            var added = await QuestionnaireOptIns.OptInAsync(ctx.Db, ctx.Member, buurtId, ctx.Now);
            log.LogDebug("Questionnaire opt-in for buurt {BuurtId}: {Changed}", buurtId, added);
            return (added ? QuestionnaireTexts.OptedIn : QuestionnaireTexts.AlreadyOptedIn, buurt.Name);
        }
        var removed = await QuestionnaireOptIns.OptOutAsync(ctx.Db, ctx.Member, buurtId);
        log.LogDebug("Questionnaire opt-out for buurt {BuurtId}: {Changed}", buurtId, removed);
        return (removed ? QuestionnaireTexts.OptedOut : QuestionnaireTexts.AlreadyOptedOut, buurt.Name);
    }
}

/// <summary>
/// The /peilingen buttons pressed when their dialog is no longer running (after Klaar, or later from an old message):
/// the press still counts, and the overview opens again with fresh buttons.
/// </summary>
public sealed class QuestionnaireOptInChoiceHandler(QuestionnaireOptInDialog dialog) : IChoiceHandler
{
    public string Prefix => QuestionnaireOptInDialog.ChoicePrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        // The buttons only go to private chats; should one show up in a group, point to the private chat.
        if (!ctx.IsPrivate)
        {
            ctx.Say(ConversationTexts.PrivateOnly, ctx.Channel.PrivateChatLink(QuestionnaireOptInDialog.DialogName));
            return;
        }
        if (payload == QuestionnaireOptInDialog.DonePayload)
        {
            ctx.Say(QuestionnaireTexts.OptInDone);
            return;
        }
        if (await dialog.ApplyAsync(ctx, payload) is not { } outcome)
        {
            ctx.Say(QuestionnaireTexts.OptInButtonExpired);
            return;
        }
        ctx.Say(outcome.Said, outcome.Buurt);
        await ctx.StartDialogAsync(QuestionnaireOptInDialog.DialogName);
    }
}

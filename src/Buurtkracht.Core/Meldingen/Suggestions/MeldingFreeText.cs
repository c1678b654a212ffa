using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen.Suggestions;

/// <summary>
/// A resident who simply describes a problem in the private chat ("De lantaarnpaal bij nummer 12 doet het niet") starts
/// a melding with that description, when the classifier is sure it is one (Meldingen:Suggestion:MinConfidenceFreeText).
/// Short texts and questions are left alone: a wrong guess there is worse than the plain "typ /help".
/// </summary>
internal sealed class MeldingFreeText(CategoryClassifier classifier, IOptions<MeldingenOptions> options) : IFreeTextHandler
{
    public const int MinWords = 4;

    public async Task<bool> TryHandleAsync(TurnContext ctx, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < MeldingDialog.MinDescription || trimmed.Length > MeldingDialog.MaxDescription || trimmed.EndsWith('?')
            || trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinWords)
            return false;
        if (classifier.Suggest(trimmed) is not { } suggestion || suggestion.Confidence < options.Value.Suggestion.MinConfidenceFreeText) return false;
        ctx.Say(MeldingTexts.FreeTextStartsMelding);
        ctx.CommandArgument = trimmed;
        await ctx.StartDialogAsync(MeldingDialog.DialogName);
        return true;
    }
}

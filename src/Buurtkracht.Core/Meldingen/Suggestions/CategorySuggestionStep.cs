using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Meldingen.Suggestions;

/// <summary>
/// The theme question of /melding with a suggested category on top ("Ja, Openbare verlichting"), when the resident
/// started with a description the classifier is sure enough about; one tap sets theme and category at once.
/// </summary>
internal static class CategorySuggestionStep
{
    private const string SuggestedKey = "suggestie";
    private const string Prefix = "suggestie:";

    /// <summary>Remembers the best category for the text when its probability reaches the threshold.</summary>
    public static void Suggest(TurnContext ctx, CategoryClassifier classifier, SuggestionOptions options, string text) =>
        ctx.Values[SuggestedKey] = classifier.Suggest(text) is { } suggestion && suggestion.Confidence >= options.MinConfidence ? suggestion.Code : null;

    /// <summary>The theme question with the suggestion on a row of its own above the themes; null without a suggestion.</summary>
    public static async Task<OutgoingMessage?> AskAsync(TurnContext ctx, IReadOnlyList<Choice> themes)
    {
        var code = ctx.Values[SuggestedKey];
        if (code is null || await ctx.Db.MeldingCategories.FirstOrDefaultAsync(c => c.Code == code && c.IsActive) is not { } suggested) return null;
        var name = suggested.Name(ctx.Language);
        return new OutgoingMessage
        {
            Text = ctx.T(MeldingTexts.AskThemeWithSuggestion, name),
            Choices = [[new Choice(ctx.T(MeldingTexts.SuggestionButton, name), Prefix + suggested.Id)], themes],
        };
    }

    /// <summary>The suggested category when its button was pressed; null for any other answer.</summary>
    public static async Task<MeldingCategory?> AcceptedAsync(TurnContext ctx, InboundContent answer) =>
        answer is ChoiceContent { Data: var data } && data.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(data[Prefix.Length..], out var id)
            ? await ctx.Db.MeldingCategories.FirstOrDefaultAsync(c => c.Id == id && c.IsActive)
            : null;
}

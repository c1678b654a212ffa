using System.Globalization;
using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// "Is het een van deze?" inside /melding, after the category and the place: open meldingen of the same category
/// nearby. "Ja, deze" makes the resident a follower and ends the dialog without a new melding; "Nee, iets anders" goes on.
/// </summary>
internal static class NearbyStep
{
    public const string StepId = "buren";
    private const string CandidatesKey = "buren";
    private const string Prefix = "buren:";
    private const string NoData = "buren:nee";

    /// <summary>Looks for neighbours' meldingen at the place just given; true when there are any to show.</summary>
    public static async Task<bool> PrepareAsync(TurnContext ctx, NearbyOptions options, int? categoryId, double? latitude, double? longitude)
    {
        ctx.Values[CandidatesKey] = null;
        if (categoryId is not { } category || latitude is not { } lat || longitude is not { } lon || options.MaxShown <= 0) return false;
        var found = await NearbyMeldingen.FindAsync(ctx.Db, category, lat, lon, ctx.Member.Id, ctx.Now, options, demo: ctx.Message.Chat.Channel == ChannelKind.WebChat);
        if (found.Count == 0) return false;
        ctx.Values[CandidatesKey] = JsonSerializer.Serialize(found);
        return true;
    }

    private static List<NearbyMelding> Candidates(TurnContext ctx) =>
        ctx.Values[CandidatesKey] is { } json ? JsonSerializer.Deserialize<List<NearbyMelding>>(json) ?? [] : [];

    public static Task<OutgoingMessage> AskAsync(TurnContext ctx)
    {
        var candidates = Candidates(ctx);
        var lines = candidates.Select((m, i) => ctx.T(MeldingTexts.NearbyLine, i + 1, NearbyMeldingen.Day(m.CreatedAt), m.DistanceMeters, m.Summary));
        var yes = candidates.Count == 1
            ? [ctx.Choice(MeldingTexts.NearbyYes, Prefix + "0")]
            : candidates.Select((_, i) => new Choice(ctx.T(MeldingTexts.NearbyYesNumber, i + 1), Prefix + i.ToString(CultureInfo.InvariantCulture)));
        return Task.FromResult(ctx.Question(MeldingTexts.AskNearby, yes.Append(ctx.Choice(MeldingTexts.NearbyNo, NoData)), 1, string.Join("\n", lines)));
    }

    public static async Task<StepResult> AnswerAsync(TurnContext ctx, InboundContent answer, Func<TurnContext, StepResult> onwards)
    {
        if (answer is ChoiceContent { Data: NoData }) return onwards(ctx);
        var candidates = Candidates(ctx);
        if (answer is not ChoiceContent { Data: var data } || !data.StartsWith(Prefix, StringComparison.Ordinal)
            || !int.TryParse(data[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= candidates.Count)
            return StepResult.Retry(ConversationTexts.UseTheButtons);
        var chosen = candidates[index];
        var melding = await ctx.Db.Meldingen.SingleAsync(m => m.Id == chosen.Id);
        var followed = await NearbyMeldingen.FollowAsync(ctx.Db, melding, ctx.Member, ctx.Message.Chat, ctx.Now);
        ctx.Say(followed ? MeldingTexts.Following : MeldingTexts.AlreadyFollowing, melding.Reference);
        // Photos come after this step, but "terug" can lead back here with some already sent.
        MeldingPhotoStore.Delete(MeldingDialog.PhotoPaths(ctx));
        return StepResult.End;
    }
}

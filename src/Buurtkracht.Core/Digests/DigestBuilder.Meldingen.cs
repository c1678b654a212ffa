using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen;

namespace Buurtkracht.Core.Digests;

/// <summary>The meldingen's figures of a digest section: counts by theme, category and status, followers and "is het opgelost?".</summary>
public sealed partial class DigestBuilder
{
    /// <summary>The key of a status figure, in Dutch words: "status:in-behandeling".</summary>
    public static string StatusKey(MeldingStatus status) => "status:" + MeldingTexts.StatusName(status).Nl.Replace(' ', '-');

    /// <param name="lean">Only the count and the followers and "opgelost" figures (see <see cref="DigestView"/>).</param>
    private static List<Figure> MeldingFigures(Data d, string scope, Func<string?, bool> inBuurt, DigestPeriod p, int openDays, bool lean = false)
    {
        var mine = d.Scoped(scope, () => d.Meldingen.Where(m => inBuurt(m.Street)).ToList());
        var (end, previousEnd, previousStart) = (d.End(p), d.End(p.Previous), p.Previous.StartInstant);
        var start = p.StartInstant;
        if (lean)
        {
            // Only the counts: the section's meldingen of each of the 14 periods are not copied into lists.
            var (inPeriod, inPrevious) = (0, 0);
            foreach (var m in mine)
            {
                if (m.CreatedAt >= start && m.CreatedAt < end) inPeriod++;
                if (m.CreatedAt >= previousStart && m.CreatedAt < previousEnd) inPrevious++;
            }
            return [new("meldingen", Meldingen, inPeriod, inPrevious), .. FollowAndResolvedFigures(d, scope, inBuurt, p, lean)];
        }
        var now = mine.Where(m => m.CreatedAt >= start && m.CreatedAt < end).ToList();
        var before = mine.Where(m => m.CreatedAt >= previousStart && m.CreatedAt < previousEnd).ToList();
        var (atEnd, atPreviousEnd) = (d.StatusesAt(end), d.StatusesAt(previousEnd));
        // Afgehandeld is the only closed status; what counts is the status at the period's end (or now), not today's.
        int OpenLong(DateTimeOffset at, MeldingStatus?[] statuses)
        {
            var madeBefore = at.AddDays(-openDays);
            return mine.Count(m => m.CreatedAt < madeBefore && statuses[m.Index] != MeldingStatus.Afgehandeld);
        }
        var figures = new List<Figure> { new("meldingen", Meldingen, now.Count, before.Count) };
        foreach (var theme in Enum.GetValues<MeldingTheme>())
        {
            var name = MeldingTexts.ThemeName(theme);
            figures.Add(new($"theme:{theme}", new Phrase(ThemeFigure, name), now.Count(m => m.Theme == theme), before.Count(m => m.Theme == theme)));
        }
        foreach (var category in now.Concat(before).Select(m => m.Category).Distinct().Order(StringComparer.Ordinal))
            figures.Add(new($"category:{category}", new Phrase(CategoryFigure, category), now.Count(m => m.Category == category), before.Count(m => m.Category == category)));
        foreach (var status in Enum.GetValues<MeldingStatus>())
        {
            figures.Add(new(StatusKey(status), StatusFigure(status),
                now.Count(m => atEnd[m.Index] == status), before.Count(m => atPreviousEnd[m.Index] == status)));
        }
        figures.Add(new("open-too-long", new Phrase(OpenTooLong, openDays),
            OpenLong(end, atEnd), OpenLong(previousEnd, atPreviousEnd)));
        figures.AddRange(FollowAndResolvedFigures(d, scope, inBuurt, p, lean: false));
        return figures;
    }

    /// <summary>The key of the share of "ja" to "is het opgelost?", for the buurt (and "resolved-yes:{category}" per category).</summary>
    public const string ResolvedYesKey = "resolved-yes";

    /// <summary>New followers, and the answers to "is het opgelost?" with the share of "ja" (a whole percentage) per category.</summary>
    private static List<Figure> FollowAndResolvedFigures(Data d, string scope, Func<string?, bool> inBuurt, DigestPeriod p, bool lean)
    {
        var (end, previousEnd, previousStart) = (d.End(p), d.End(p.Previous), p.Previous.StartInstant);
        bool Now(DateTimeOffset at) => at >= p.StartInstant && at < end;
        bool Before(DateTimeOffset at) => at >= previousStart && at < previousEnd;
        var follows = d.Scoped(scope, () => d.Follows.Where(f => inBuurt(f.Street)).ToList());
        var answers = d.Scoped(scope, () => d.ResolvedAnswers.Where(a => inBuurt(a.Street)).ToList());
        static int Share(IEnumerable<(string? Street, string Category, DateTimeOffset At, ResolvedAnswer Answer)> of)
        {
            var list = of.ToList();
            return list.Count == 0 ? 0 : (int)Math.Round(100.0 * list.Count(a => a.Answer == ResolvedAnswer.Ja) / list.Count);
        }
        var figures = new List<Figure>
        {
            new("followers", Followers, follows.Count(f => Now(f.At)), follows.Count(f => Before(f.At))),
            new("resolved-answers", ResolvedAnswers, answers.Count(a => Now(a.At)), answers.Count(a => Before(a.At))),
            new(ResolvedYesKey, ResolvedYesShare, Share(answers.Where(a => Now(a.At))), Share(answers.Where(a => Before(a.At)))),
        };
        if (lean) return figures;
        foreach (var category in answers.Where(a => Now(a.At) || Before(a.At)).Select(a => a.Category).Distinct().Order(StringComparer.Ordinal))
            figures.Add(new($"{ResolvedYesKey}:{category}", new Phrase(ResolvedYesCategory, category),
                Share(answers.Where(a => a.Category == category && Now(a.At))), Share(answers.Where(a => a.Category == category && Before(a.At)))));
        return figures;
    }
}

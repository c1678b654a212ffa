using Buurtkracht.Core.Meldingen;

namespace Buurtkracht.Core.Digests;

/// <summary>
/// The meldingen's status changes as one list in the order of melding, time and id, with each melding's slice of it: the
/// digest asks for every melding's status at a few instants (its periods' ends), and a list per melding (10,000 of them,
/// grouped first) cost more than the figures computed from them.
/// </summary>
internal sealed class StatusHistory
{
    public readonly record struct Change(int MeldingId, DateTimeOffset At, MeldingStatus Status);

    private readonly List<Change> _changes;
    private readonly Dictionary<int, Range> _slices = [];

    /// <param name="changes">Ordered by melding, then time, then id (the order in which the changes were made).</param>
    public StatusHistory(List<Change> changes)
    {
        _changes = changes;
        var start = 0;
        for (var i = 1; i <= changes.Count; i++)
        {
            if (i < changes.Count && changes[i].MeldingId == changes[start].MeldingId) continue;
            _slices[changes[start].MeldingId] = start..i;
            start = i;
        }
    }

    /// <summary>
    /// A melding's slice. Every melding has a row from its creation on (M0012 back-filled the older ones); without one,
    /// today's status from its creation on is the best there is.
    /// </summary>
    public Range Of(int meldingId, DateTimeOffset createdAt, MeldingStatus status)
    {
        if (_slices.TryGetValue(meldingId, out var slice)) return slice;
        _changes.Add(new Change(meldingId, createdAt, status));
        // Kept, so asking again for the same melding does not add its stand-in row once more.
        return _slices[meldingId] = (_changes.Count - 1).._changes.Count;
    }

    /// <summary>
    /// A melding's status as it stood at a period's end: the last change before that instant. Periods end exclusively (a
    /// melding made at the very instant counts for the next period), so a change at the instant belongs to the next one too.
    /// </summary>
    public MeldingStatus? StatusAt(Range slice, DateTimeOffset end)
    {
        MeldingStatus? status = null;
        for (var i = slice.Start.Value; i < slice.End.Value; i++)
        {
            if (_changes[i].At >= end) break;
            status = _changes[i].Status;
        }
        return status;
    }
}

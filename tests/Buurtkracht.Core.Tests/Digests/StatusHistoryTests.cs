using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Meldingen;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>
/// The digest's status history (one list in melding, time and id order, a slice per melding) gives each melding the
/// status it had at an instant, as the list per melding it replaced did.
/// </summary>
public sealed class StatusHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 31, 23, 0, 0, TimeSpan.Zero);

    private static StatusHistory.Change C(int melding, int minutes, MeldingStatus status) => new(melding, T0.AddMinutes(minutes), status);

    [Fact]
    public void Each_melding_gets_the_last_change_before_the_instant_and_a_change_at_the_instant_belongs_to_the_next_period()
    {
        var history = new StatusHistory(
        [
            C(1, 0, MeldingStatus.Ontvangen), C(1, 60, MeldingStatus.InBehandeling), C(1, 120, MeldingStatus.Afgehandeld),
            C(2, 30, MeldingStatus.Ontvangen),
            // Two changes at the same instant: the later one (by id, the order of the list) is the status from then on.
            C(5, 10, MeldingStatus.Ontvangen), C(5, 10, MeldingStatus.InBehandeling),
        ]);
        var (one, two, five) = (history.Of(1, T0, MeldingStatus.Afgehandeld), history.Of(2, T0, MeldingStatus.Ontvangen), history.Of(5, T0, MeldingStatus.InBehandeling));

        Assert.Null(history.StatusAt(one, T0));
        Assert.Equal(MeldingStatus.Ontvangen, history.StatusAt(one, T0.AddMinutes(60)));
        Assert.Equal(MeldingStatus.InBehandeling, history.StatusAt(one, T0.AddMinutes(61)));
        Assert.Equal(MeldingStatus.Afgehandeld, history.StatusAt(one, T0.AddDays(1)));
        Assert.Null(history.StatusAt(two, T0.AddMinutes(30)));
        Assert.Equal(MeldingStatus.Ontvangen, history.StatusAt(two, T0.AddDays(1)));
        Assert.Equal(MeldingStatus.InBehandeling, history.StatusAt(five, T0.AddMinutes(11)));
    }

    [Fact]
    public void A_melding_without_history_has_its_present_status_from_its_creation_on()
    {
        var history = new StatusHistory([C(1, 0, MeldingStatus.Ontvangen)]);
        var old = history.Of(3, T0.AddMinutes(5), MeldingStatus.Afgehandeld);
        var first = history.Of(1, T0, MeldingStatus.Afgehandeld);

        Assert.Null(history.StatusAt(old, T0.AddMinutes(5)));
        Assert.Equal(MeldingStatus.Afgehandeld, history.StatusAt(old, T0.AddMinutes(6)));
        // The slices read before stay as they were.
        Assert.Equal(MeldingStatus.Ontvangen, history.StatusAt(first, T0.AddDays(1)));
    }

    [Fact]
    public void No_changes_at_all_give_every_melding_its_present_status()
    {
        var history = new StatusHistory([]);
        var slice = history.Of(7, T0, MeldingStatus.InBehandeling);
        Assert.Equal(MeldingStatus.InBehandeling, history.StatusAt(slice, T0.AddSeconds(1)));
        Assert.Null(history.StatusAt(slice, T0));
    }
}

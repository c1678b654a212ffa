using System.Globalization;
using Buurtkracht.Core.Conversations;
using ScottPlot;

namespace Buurtkracht.Core.Digests;

/// <summary>
/// One picture per buurt for the chat digest: the main figures of the period beside the period before, each pair as
/// two bars with their numbers, so a coördinator sees at a glance what went up and what went down.
/// </summary>
public static class DigestChart
{
    /// <summary>The figures the picture shows, in this order.</summary>
    public static readonly string[] Keys = ["members", DigestBuilder.MessagesKey, "events", "attendance", "meldingen", "responses", "checkins"];

    private static readonly Color Now = Color.FromHex("#1f6f5c");
    private static readonly Color Before = Color.FromHex("#c8c8c8");

    /// <summary>A PNG of the buurt's section; the caller stores it.</summary>
    public static byte[] Png(Digest digest, DigestSection buurt, string language)
    {
        var figures = Keys.Select(k => buurt.Figures.FirstOrDefault(f => f.Key == k)).OfType<Figure>().ToList();
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < figures.Count; i++)
        {
            var (f, y) = (figures[i], figures.Count - i);
            // Each pair on its own scale: messages run into the hundreds where activities are a handful.
            double max = Math.Max(1, Math.Max(f.Value, f.Previous));
            bars.Add(new Bar { Position = y + 0.18, Value = f.Previous / max, Size = 0.34, FillColor = Before, Orientation = Orientation.Horizontal, Label = f.Previous.ToString(CultureInfo.InvariantCulture) });
            bars.Add(new Bar { Position = y - 0.18, Value = f.Value / max, Size = 0.34, FillColor = Now, Orientation = Orientation.Horizontal, Label = f.Value.ToString(CultureInfo.InvariantCulture) });
        }
        plot.Add.Bars(bars).ValueLabelStyle.FontSize = 14;
        plot.Axes.Left.SetTicks(figures.Select((_, i) => (double)(figures.Count - i)).ToArray(), figures.Select(f => f.Name.In(language).Trim()).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.SetLimitsX(0, 1.25);
        plot.Grid.IsVisible = false;
        plot.Title($"{buurt.Buurt} – {digest.Period.Label}");
        plot.ShowLegend(
            [
                new LegendItem { LabelText = digest.Period.Previous.Label, FillColor = Before },
                new LegendItem { LabelText = digest.Period.Label, FillColor = Now },
            ], Alignment.LowerRight);
        return plot.GetImageBytes(720, 480, ImageFormat.Png);
    }

    public static readonly TextKey Caption = new("Digests.DigestChart.Caption");
}

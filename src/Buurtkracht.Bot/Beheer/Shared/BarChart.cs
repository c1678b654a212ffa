namespace Buurtkracht.Bot.Beheer.Shared;

/// <summary>
/// A bar chart drawn on the server as SVG markup (see _BarChart.cshtml): no script, no inline style, so the CSP holds.
/// <see cref="Highlight"/> is the index of the bar to stand out (the chosen month), or -1.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<BarChart.Item> Bars, int Highlight = -1)
{
    /// <param name="Sub">A second, smaller label line (the year under January).</param>
    /// <param name="Full">The label as the text alternative reads it ("januari 2026").</param>
    public sealed record Item(string Label, double Value, string? Text = null, string? Sub = null, string? Full = null)
    {
        /// <summary>How the value reads under and beside the bar.</summary>
        public string Shown => Text ?? Value.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
    }

    public const double Width = 360, Height = 170, Top = 18, Bottom = 32, Left = 6;

    public double Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Value));

    public double Slot => (Width - 2 * Left) / Math.Max(1, Bars.Count);

    public double BarHeight(Item bar) => bar.Value <= 0 ? 0 : Math.Max(1, (Height - Top - Bottom) * bar.Value / Max);

    public static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

namespace Buurtkracht.Core.Meldingen;

/// <summary>Section "WebChat", the part the Core reads: what becomes of meldingen made in the web chat's demo.</summary>
public sealed class DemoMeldingOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Off by default: a web chat melding is marked demo and stays in the database, forwarded to no sink, as anyone can
    /// type anything in the web chat. On only where the web chat is a real front door (a kiosk of the gemeente, say).
    /// </summary>
    public bool ForwardMeldingen { get; set; }
}

namespace Buurtkracht.Core.Meldingen;

/// <summary>Section "Meldingen". A sink is on when its section is filled in; with none, meldingen are only stored.</summary>
public sealed class MeldingenOptions
{
    public const string SectionName = "Meldingen";

    /// <summary>Where photos are stored; empty: the folder of the SQLite file (else "data").</summary>
    public string? DataFolder { get; set; }

    /// <summary>Photos larger than this are refused (Telegram additionally applies Telegram:MaxPhotoBytes).</summary>
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>When set, photos are reachable at {PublicPhotoBaseUrl}/{reference}/{file} and Open311 gets a media_url.</summary>
    public string? PublicPhotoBaseUrl { get; set; }

    /// <summary>The municipality meldingen are for: typed addresses are looked up in it, shared places checked against its border.</summary>
    public string Municipality { get; set; } = "Alblasserdam";

    /// <summary>
    /// A GeoJSON FeatureCollection with the border of <see cref="Municipality"/> (and its neighbours) by "statnaam";
    /// empty: the shipped CBS border of Alblasserdam and the municipalities around it.
    /// </summary>
    public string? BoundaryFile { get; set; }

    public GeocoderOptions Geocoder { get; set; } = new();

    /// <summary>First retry of a failed forward; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Forward attempts after which a photo the channel says no longer exists is left out (a Telegram 400 can be a
    /// passing hiccup, so it is retried first with the forward's backoff).
    /// </summary>
    public int PhotoFetchAttempts { get; set; } = 5;

    /// <summary>After this long since the melding was sent, a photo that still cannot be fetched is left out, whatever the error.</summary>
    public TimeSpan PhotoFetchGiveUpAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Name, e-mail and photos are wiped this long after a melding is afgehandeld (the AVG sentence names it).</summary>
    public int PersonalDataRetentionDays { get; set; } = 365;

    public Open311Options Open311 { get; set; } = new();
    public EmailSinkOptions Email { get; set; } = new();

    /// <summary>Neighbours' open meldingen shown before a new one is made ("Is het een van deze?").</summary>
    public NearbyOptions Nearby { get; set; } = new();

    /// <summary>"Is het opgelost?" after a melding is afgehandeld.</summary>
    public ResolvedOptions Resolved { get; set; } = new();

    /// <summary>The category suggested from a description the resident starts with.</summary>
    public SuggestionOptions Suggestion { get; set; } = new();

    public bool Open311Enabled => !string.IsNullOrWhiteSpace(Open311.Endpoint);
    public bool EmailEnabled => !string.IsNullOrWhiteSpace(Email.Host) && !string.IsNullOrWhiteSpace(Email.To);
}

/// <summary>Section "Meldingen:Geocoder": PDOK's Locatieserver (BAG addresses; free, no key).</summary>
public sealed class GeocoderOptions
{
    public string BaseUrl { get; set; } = "https://api.pdok.nl/bzk/locatieserver/search/v3_1";

    /// <summary>One request; a turn waits at most Conversations:PlatformCallTimeout for its answer in any case.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Section "Meldingen:Open311": a GeoReport v2 server.</summary>
public sealed class Open311Options
{
    /// <summary>Base URL of the GeoReport v2 API, for example https://meldingen.example.nl/open311/v2/.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }
    public string? JurisdictionId { get; set; }

    /// <summary>Category code (MeldingCategories.Code) to service_code; unmapped categories match services.json by service_name.</summary>
    public Dictionary<string, string> ServiceCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Used when neither the mapping nor a service_name matches.</summary>
    public string? DefaultServiceCode { get; set; }

    /// <summary>
    /// The attribute code that carries the melding's reference (BK-...) when the service definition has it, so the
    /// receiving side can see a duplicate; the reference is also the description's first line.
    /// </summary>
    public string ReferenceAttribute { get; set; } = "buurtkracht_reference";

    /// <summary>How often the status of one forwarded melding is asked.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Section "Meldingen:Email": the municipality's meldpunt over SMTP.</summary>
public sealed class EmailSinkOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public bool EnableSsl { get; set; } = true;

    /// <summary>How TLS starts when EnableSsl is on; Auto: SSL on connect for port 465, else STARTTLS.</summary>
    public EmailTlsMode TlsMode { get; set; } = EmailTlsMode.Auto;

    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "buurtkracht-bot@localhost";

    /// <summary>The meldpunt's address; several separated by commas.</summary>
    public string? To { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>How the TLS of the SMTP connection starts.</summary>
public enum EmailTlsMode
{
    Auto,
    StartTls,
    SslOnConnect,
}

/// <summary>Section "Meldingen:Nearby".</summary>
public sealed class NearbyOptions
{
    /// <summary>Open meldingen of the same category at most this far away are shown.</summary>
    public double RadiusMeters { get; set; } = 50;

    /// <summary>Only meldingen made this recently are shown (12 weeks).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(84);

    public int MaxShown { get; set; } = 3;
}

/// <summary>Section "Meldingen:Resolved".</summary>
public sealed class ResolvedOptions
{
    /// <summary>How long after a melding is afgehandeld the reporter and followers are asked "Is het opgelost?".</summary>
    public TimeSpan AskAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the question can be answered.</summary>
    public TimeSpan OpenFor { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Section "Meldingen:Suggestion".</summary>
public sealed class SuggestionOptions
{
    /// <summary>The classifier's probability above which its category is offered; below it the theme buttons come as usual.</summary>
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>A free text (outside /melding) starts a melding only when the classifier is at least this sure.</summary>
    public double MinConfidenceFreeText { get; set; } = 0.6;
}

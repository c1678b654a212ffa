namespace Buurtkracht.Teams;

/// <summary>Settings of the "Teams" configuration section.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The bot's Microsoft App ID (Azure Bot registration); tokens must carry it as audience. Empty: Teams is off.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the client-credentials token to the Bot Connector. A secret: configuration only.</summary>
    public string? AppPassword { get; set; }

    /// <summary>"botframework.com" for a multi-tenant bot, or the Entra tenant id of a single-tenant bot.</summary>
    public string TenantId { get; set; } = "botframework.com";

    /// <summary>Where the app token comes from (sovereign clouds use another host).</summary>
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The scope of the app token for the Bot Connector.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>The Bot Framework OpenID metadata whose signing keys inbound tokens must be signed with.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Accepted issuers of inbound tokens.</summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>Effective issuers: the configured ones, or the Bot Framework's.</summary>
    public IReadOnlyList<string> EffectiveIssuers => ValidIssuers.Count > 0 ? ValidIssuers : [DefaultIssuer];

    public const string DefaultIssuer = "https://api.botframework.com";

    /// <summary>Validate inbound tokens. False ONLY for a local emulator: anyone could then post as anyone.</summary>
    public bool ValidateTokens { get; set; } = true;

    /// <summary>Allowed clock difference when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted activity body.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Largest photo a resident may send (for a melding); larger downloads are stopped.</summary>
    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest photo sent inline (as a data URL); larger ones are sent as text only.</summary>
    public long MaxInlinePhotoBytes { get; set; } = 1024 * 1024;

    // Options objects end up in log lines and debugger views; keep the secret out of both.
    public override string ToString() =>
        $"Teams {{ AppId = {AppId}, TenantId = {TenantId}, ValidateTokens = {ValidateTokens}, AppPassword = {(string.IsNullOrEmpty(AppPassword) ? "(empty)" : "(set)")} }}";
}

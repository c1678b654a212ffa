namespace Buurtkracht.Core.Beheer;

/// <summary>Section "Beheer": the web dashboard for coördinatoren and moderators.</summary>
public sealed class BeheerOptions
{
    /// <summary>
    /// The address residents' browsers reach the service at, for the links the bot hands out (for example
    /// "https://bot.buurtkracht.nl"). Empty: the address the service listens on, which only works locally.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>How long a login link from /beheer or the CLI stays valid; it works once.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a dashboard session lasts after logging in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The map tiles under the meldingen map ({z}/{x}/{y}); the default is PDOK's BRT-achtergrondkaart.</summary>
    public string MapTiles { get; set; } = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png";

    /// <summary>Optional sign-in with a Microsoft (Entra ID) account, besides the one-time links.</summary>
    public BeheerOidcOptions Oidc { get; set; } = new();
}

/// <summary>Section "Beheer:Oidc": "Inloggen met Microsoft", on when Authority, ClientId and ClientSecret are all set.</summary>
public sealed class BeheerOidcOptions
{
    /// <summary>The OpenID Connect authority, for Entra ID "https://login.microsoftonline.com/{tenant id}/v2.0".</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// The Entra tenant whose accounts' e-mail addresses are trusted without an email_verified claim (Entra's id tokens
    /// carry none); empty: only tokens that say email_verified=true match a member.
    /// </summary>
    public string TenantId { get; set; } = "";

    public bool Enabled => Authority.Length > 0 && ClientId.Length > 0 && ClientSecret.Length > 0;
}

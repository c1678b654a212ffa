using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Buurtkracht.Bot.WebChat;

/// <summary>
/// The web chat identity, issued by the server: a random 128-bit visitor id, sealed with ASP.NET Core Data Protection
/// into an HttpOnly cookie. The browser never names a user or a chat; the visitor's chats follow from the cookie, and a
/// cookie the server did not issue counts as no cookie, so a made-up value neither reaches another chat nor escapes
/// the rate limit of the address.
/// </summary>
public sealed class WebChatVisitors(IDataProtectionProvider dataProtection)
{
    public const string CookieName = "bk_webchat";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Buurtkracht.WebChat.Visitor.v1");

    /// <summary>The visitor of this request, or null when it carries no cookie issued by this service.</summary>
    public string? Find(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(WebChatVisitors), out var known)) return (string?)known;
        string? visitor = null;
        if (context.Request.Cookies.TryGetValue(CookieName, out var sealedId) && !string.IsNullOrEmpty(sealedId))
        {
            try
            {
                var id = _protector.Unprotect(sealedId);
                if (IsVisitorId(id)) visitor = id;
            }
            catch (CryptographicException)
            {
                // Forged, damaged, or sealed with a key this service no longer has: a new visitor.
            }
        }
        context.Items[typeof(WebChatVisitors)] = visitor;
        return visitor;
    }

    /// <summary>The visitor of this request; a request without one gets a new id and the cookie that carries it.</summary>
    public string FindOrIssue(HttpContext context)
    {
        if (Find(context) is { } visitor) return visitor;
        visitor = "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CookieName, _protector.Protect(visitor), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });
        context.Items[typeof(WebChatVisitors)] = visitor;
        return visitor;
    }

    public static string PrivateChatId(string visitor) => $"u-{visitor}";

    public static string GroupChatId(string visitor) => $"g-{visitor}";

    private static bool IsVisitorId(string id) => id.Length == 33 && id[0] == 'w' && id.Skip(1).All(char.IsAsciiHexDigitLower);
}

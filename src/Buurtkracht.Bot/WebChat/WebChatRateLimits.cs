using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.WebChat;

/// <summary>
/// Per-visitor limits on the web chat API (ASP.NET Core's rate limiter), partitioned by the visitor id of the cookie,
/// or by the remote address for a request without a valid cookie. Refused requests get 429 before the endpoint runs,
/// so nothing of them is handled or stored.
/// </summary>
public static class WebChatRateLimits
{
    public const string SendPolicy = "webchat-send";
    public const string ReadPolicy = "webchat-read";

    public static IServiceCollection AddWebChatRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(SendPolicy, context => Partition(context, "send", limits => limits.SendsPerWindow));
            options.AddPolicy(ReadPolicy, context => Partition(context, "read", limits => limits.ReadsPerWindow));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string kind, Func<WebChatRateLimitOptions, int> permits)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.RateLimit;
        var visitor = context.RequestServices.GetRequiredService<WebChatVisitors>().Find(context);
        var key = visitor is not null ? $"{kind}:v:{visitor}" : $"{kind}:ip:{context.Connection.RemoteIpAddress}";
        // A fixed window per client; no queue, so a request over the limit is refused at once.
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits(limits)),
            Window = limits.Window > TimeSpan.Zero ? limits.Window : TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

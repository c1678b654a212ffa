namespace Buurtkracht.Bot.Hosting;

/// <summary>
/// A body past the server's limit (Kestrel's MaxRequestBodySize, or an endpoint's own) makes the first read throw.
/// That is the client's mistake, not the service's: answer its status (413) and log one line, instead of letting it
/// surface as an unhandled exception with a stack trace.
/// </summary>
public static class RequestBodyLimits
{
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestBodyLimits))
                .LogInformation("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
        }
    });
}

using System.Text.Json;
using Buurtkracht.Core.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Teams;

public static class TeamsMessagesEndpoint
{
    public const string Path = "/api/messages";

    /// <summary>Maps POST /api/messages, the Bot Framework messaging endpoint, when Teams is configured.</summary>
    public static IEndpointRouteBuilder MapTeamsMessages(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<TeamsTokenValidator>() is not null)
            endpoints.MapPost(Path, (Func<HttpContext, Task<IResult>>)HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsMessagesEndpoint));
        var ct = context.RequestAborted;

        // 1. The token, before anything of the body is looked at.
        ValidatedToken? token = null;
        if (options.ValidateTokens)
        {
            try
            {
                token = await services.GetRequiredService<TeamsTokenValidator>().ValidateAsync(context.Request.Headers.Authorization.ToString(), ct);
            }
            catch (TeamsMetadataUnavailableException outage)
            {
                // The Bot Connector retries a 503; the validator has logged the outage (once a minute).
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(outage.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            if (token is null) return Results.Unauthorized();
        }

        // 2. The activity.
        if (context.Request.ContentLength > options.MaxActivityBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        // Also for bodies without Content-Length: the server stops reading past the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxActivityBytes;
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, TeamsJson.Options, ct);
        }
        catch (JsonException ex)
        {
            log.LogWarning("Teams sent malformed activity JSON: {Error}", ex.Message);
            return Results.BadRequest();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (activity is null || string.IsNullOrEmpty(activity.Type) || string.IsNullOrEmpty(activity.ServiceUrl)
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUri) || serviceUri.Scheme is not ("https" or "http"))
        {
            log.LogWarning("Teams sent an activity without type or a valid serviceUrl");
            return Results.BadRequest();
        }

        // 3. The token must have been issued for this activity's serviceUrl and channel.
        if (token?.MismatchWith(activity) is { } mismatch)
        {
            log.LogWarning("Teams request refused: {Reason}", mismatch);
            return Results.Unauthorized();
        }

        // Only now is the serviceUrl trusted enough to be stored and called later.
        var arrival = await services.GetRequiredService<TeamsConversationStore>().RecordAsync(activity, ct);

        var handler = services.GetRequiredService<IInboundHandler>();
        foreach (var message in TeamsActivityMapper.Map(activity, arrival, services.GetRequiredService<TeamsMenuCommands>().Names))
        {
            InboundOutcome outcome;
            try
            {
                outcome = await handler.HandleAsync(message, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogError(ex, "The engine threw on Teams activity {UpdateId}", message.UpdateId);
                outcome = InboundOutcome.Failed;
            }
            if (outcome == InboundOutcome.Failed) return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
        return Results.Ok();
    }
}

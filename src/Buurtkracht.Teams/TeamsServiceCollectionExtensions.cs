using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>Whether Teams:AppId is set; without it the Teams channel stays off.</summary>
    public static bool IsTeamsConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TeamsOptions.SectionName}:{nameof(TeamsOptions.AppId)}"]);

    /// <summary>
    /// Registers the Teams channel, its token validation and Connector client; does nothing while Teams:AppId is empty.
    /// Needs <see cref="IInboundHandler"/>, the database and <see cref="TimeProvider"/> from the host.
    /// </summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.IsTeamsConfigured()) return services;

        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName));
        // Default HttpClient logging writes URLs at Information; conversation ids are no secret, but tokens travel in
        // headers and must never reach a log, so these clients log nothing.
        services.AddHttpClient(TeamsTokenValidator.HttpClientName).RemoveAllLoggers();
        services.AddHttpClient(ConnectorTokenProvider.HttpClientName)
            .AddHttpMessageHandler(() => new ConnectorTokenProvider.LoopbackHttpHandler())
            .RemoveAllLoggers();
        services.AddHttpClient(ConnectorClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();

        services.AddSingleton<TeamsTokenValidator>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<TeamsConversationStore>();
        services.AddSingleton<TeamsMenuCommands>();
        services.AddSingleton<TeamsChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<TeamsChannel>());
        services.AddSingleton<IPhotoDownloader, TeamsPhotoDownloader>();
        services.AddHostedService<TeamsStartupCheck>();
        return services;
    }
}

/// <summary>Says at start how Teams is set up, and warns loudly when inbound tokens are not validated.</summary>
internal sealed class TeamsStartupCheck(IOptions<TeamsOptions> options, ILogger<TeamsStartupCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.ValidateTokens)
            log.LogWarning("!!! Teams:ValidateTokens is false: /api/messages accepts requests WITHOUT authentication. "
                + "Only for a local emulator; never in production !!!");
        if (string.IsNullOrEmpty(o.AppPassword))
            log.LogWarning("Teams:AppPassword is empty: the bot cannot get a token to send messages");
        log.LogInformation("Teams is on: POST {Path} for app {AppId} (tenant {Tenant})", TeamsMessagesEndpoint.Path, o.AppId, o.TenantId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

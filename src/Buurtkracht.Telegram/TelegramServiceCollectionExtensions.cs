using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Buurtkracht.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>Whether Telegram:BotToken is set; without it the Telegram channel stays off.</summary>
    public static bool IsTelegramConfigured(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.BotToken)}"]);

    /// <summary>
    /// Registers the Telegram channel, its client and its hosted services; does nothing while Telegram:BotToken is empty.
    /// Needs <see cref="IInboundHandler"/>, <c>ICommandCatalog</c> and <see cref="TimeProvider"/> from the host.
    /// </summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.IsTelegramConfigured())
            return services;

        var section = configuration.GetSection(TelegramOptions.SectionName);
        services.AddOptions<TelegramOptions>().Bind(section);
        // The default HttpClient logging writes request URLs at Information level, and the token is in every URL.
        // One long-lived HttpClient for the library's client; the pooled connections are renewed now and then instead.
        services.AddHttpClient(TelegramApi.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.AddSingleton<ITelegramBotClient>(sp => TelegramApi.CreateClient(
            sp.GetRequiredService<IOptions<TelegramOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(TelegramApi.HttpClientName)));
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<TelegramUpdateMapper>();
        services.AddSingleton<TelegramInbound>();
        services.AddSingleton<TelegramChannel>();
        services.AddSingleton<IChannel>(sp => sp.GetRequiredService<TelegramChannel>());
        services.AddSingleton<IPhotoDownloader, TelegramPhotoDownloader>();

        services.AddSingleton<TelegramStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramStartup>());
        if (section.Get<TelegramOptions>()?.Mode != TelegramMode.Webhook)
            services.AddHostedService<TelegramPollingService>();
        return services;
    }
}

using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen.Suggestions;
using Buurtkracht.Core.Meldingen.Places;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Meldingen;

public static class MeldingenServices
{
    /// <summary>The /melding dialog, its commands, the sinks the configuration switches on, and the forwarding kick.</summary>
    public static IServiceCollection AddMeldingen(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MeldingenOptions.SectionName);
        services.Configure<MeldingenOptions>(section);
        services.Configure<DemoMeldingOptions>(configuration.GetSection(DemoMeldingOptions.SectionName));
        var options = section.Get<MeldingenOptions>() ?? new MeldingenOptions();

        services.AddSingleton<MeldingPhotoStore>();
        // Its URLs carry what residents typed: kept out of the default HttpClient logging.
        services.AddHttpClient(LocatieserverClient.HttpClientName, http => http.Timeout = options.Geocoder.Timeout).RemoveAllLoggers();
        services.AddSingleton<LocatieserverClient>();
        services.AddSingleton<PlaceFinder>();
        services.AddSingleton<MunicipalityBoundary>();
        services.AddSingleton<MeldingForwardSignal>();
        services.AddSingleton<MeldingSubmitter>();
        services.AddSingleton<MeldingStatusChanger>();
        services.AddSingleton<Dialog, MeldingDialog>();
        services.AddSingleton<Dialog, ReopenDialog>();
        services.AddSingleton<IChoiceHandler, ResolvedChoiceHandler>();
        services.AddSingleton<CategoryClassifier>();
        services.AddSingleton<IFreeTextHandler, MeldingFreeText>();
        services.AddSingleton(MeldingCommands.Melding);
        services.AddSingleton(MeldingCommands.MyMeldingen);
        services.AddSingleton(MeldingCommands.GroupNotice);

        if (options.Open311Enabled)
        {
            // Its GET URLs carry the api_key: the default HttpClient logging would write them at Information.
            services.AddHttpClient(Open311Client.HttpClientName, http => http.Timeout = options.Open311.Timeout).RemoveAllLoggers();
            services.AddSingleton<Open311Client>();
            services.AddSingleton<Open311Catalog>();
            services.AddSingleton<IMeldingSink, Open311Sink>();
        }
        if (options.EmailEnabled) services.AddSingleton<IMeldingSink, EmailSink>();
        if (!options.Open311Enabled && !options.EmailEnabled) services.AddSingleton<IMeldingSink, StoreOnlySink>();

        services.AddHostedService<MeldingForwardingKick>();
        return services;
    }
}

using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Broadcasts;

/// <summary>Registrations of the broadcasts feature; the job is declared in SchedulingSetup (BroadcastJob.Configure).</summary>
public static class BroadcastServices
{
    public static IServiceCollection AddBroadcasts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BroadcastOptions>(configuration.GetSection("Broadcasts"));
        services.AddSingleton<BroadcastService>();
        services.AddSingleton<BroadcastPhotos>();
        services.AddSingleton(BotCommand.StartsDialog("omroep", BroadcastTexts.Description, CommandScope.Private, BroadcastDialog.DialogName, CommandAudience.Coordinators));
        services.AddSingleton<Dialog, BroadcastDialog>();
        services.AddSingleton<IChoiceHandler, BroadcastCancelChoice>();
        return services;
    }
}

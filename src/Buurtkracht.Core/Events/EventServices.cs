using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Events;

/// <summary>Registrations of the events feature.</summary>
public static class EventServices
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        // The job and its trigger are declared in SchedulingSetup (EventNoticeJob.Configure).
        services.Configure<EventOptions>(configuration.GetSection("Events"));

        services.AddSingleton<EventService>();
        services.AddSingleton<IChoiceHandler, RsvpChoiceHandler>();
        services.AddSingleton<IChoiceHandler, CalendarChoiceHandler>();
        services.AddSingleton<IChoiceHandler, AttendanceChoiceHandler>();
        services.AddSingleton(BotCommand.StartsDialog("activiteit", EventTexts.ActivityDescription, CommandScope.Private, ActivityDialog.DialogName, CommandAudience.Coordinators));
        services.AddSingleton<Dialog, ActivityDialog>();
        services.AddSingleton<Dialog, AttendanceDialog>();
        return services;
    }
}

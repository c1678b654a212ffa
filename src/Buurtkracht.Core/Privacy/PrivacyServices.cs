using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Privacy;

/// <summary>Registrations of the privacy feature; the retention job is declared in SchedulingSetup (RetentionJob.Configure).</summary>
public static class PrivacyServices
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PrivacyOptions>(configuration.GetSection(PrivacyOptions.SectionName));
        services.AddSingleton(PrivacyCommands.MyData);
        services.AddSingleton(PrivacyCommands.Forget);
        services.AddSingleton<Dialog, ForgetDialog>();
        return services;
    }
}

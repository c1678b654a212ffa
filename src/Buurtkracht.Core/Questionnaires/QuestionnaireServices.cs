using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>Registrations of the questionnaires feature.</summary>
public static class QuestionnaireServices
{
    public static IServiceCollection AddQuestionnaires(this IServiceCollection services, IConfiguration configuration)
    {
        // The job and its trigger are declared in SchedulingSetup (QuestionnaireJob.Configure).
        services.Configure<QuestionnaireOptions>(configuration.GetSection("Questionnaires"));
        services.AddSingleton<QuestionnaireCatalog>();
        services.AddSingleton<QuestionnaireService>();
        services.AddSingleton<QuestionnaireResults>();
        services.AddSingleton<Dialog, QuestionnaireDialog>();
        services.AddSingleton<IChoiceHandler, QuestionnaireChoiceHandler>();
        services.AddSingleton(BotCommand.StartsDialog(QuestionnaireDialog.DialogName, QuestionnaireTexts.Description, CommandScope.Private, QuestionnaireDialog.DialogName));
        // The deep link "start=vl-<send id>" from a group invitation; not a menu command.
        services.AddSingleton(new BotCommand(QuestionnaireService.DeepLinkCommand, QuestionnaireTexts.Description, CommandScope.Private,
            ctx => ctx.StartDialogAsync(QuestionnaireDialog.DialogName), ShowInHelp: false));
        // /peilingen: opting in (per buurt) for the buurtpeilingen, privately.
        services.AddSingleton<QuestionnaireOptInDialog>();
        services.AddSingleton<Dialog>(sp => sp.GetRequiredService<QuestionnaireOptInDialog>());
        services.AddSingleton<IChoiceHandler, QuestionnaireOptInChoiceHandler>();
        services.AddSingleton(BotCommand.StartsDialog(QuestionnaireOptInDialog.DialogName, QuestionnaireTexts.OptInDescription, CommandScope.Private, QuestionnaireOptInDialog.DialogName));
        return services;
    }
}

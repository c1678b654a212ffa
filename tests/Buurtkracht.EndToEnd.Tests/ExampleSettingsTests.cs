using System.Reflection;
using System.Text.Json;
using Buurtkracht.Bot.WebChat;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Teams;
using Buurtkracht.Telegram;

namespace Buurtkracht.EndToEnd.Tests;

/// <summary>appsettings.example.json documents every setting: each bindable property has a value and a description.</summary>
public sealed class ExampleSettingsTests
{
    public static TheoryData<string, Type> Sections => new()
    {
        { "Database", typeof(DatabaseOptions) },
        { "Telegram", typeof(TelegramOptions) },
        { "Teams", typeof(TeamsOptions) },
        { "WebChat", typeof(WebChatOptions) },
        { "WebChat", typeof(DemoMeldingOptions) },
        { "Conversations", typeof(ConversationOptions) },
        { "Outbox", typeof(OutboxOptions) },
        { "Events", typeof(EventOptions) },
        { "Meldingen", typeof(MeldingenOptions) },
        { "Checkins", typeof(Buurtkracht.Core.Digests.CheckinOptions) },
        { "Digests", typeof(Buurtkracht.Core.Digests.DigestOptions) },
        { "Broadcasts", typeof(Buurtkracht.Core.Broadcasts.BroadcastOptions) },
        { "Questionnaires", typeof(Buurtkracht.Core.Questionnaires.QuestionnaireOptions) },
        { "Beheer", typeof(Buurtkracht.Core.Beheer.BeheerOptions) },
        { "Privacy", typeof(Buurtkracht.Core.Privacy.PrivacyOptions) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_setting_is_documented_with_a_description(string section, Type options)
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(BotManifestTests.RepositoryRoot(), "appsettings.example.json")));
        var missing = Missing(example.RootElement.GetProperty(section), options, section).ToList();
        Assert.True(missing.Count == 0, "appsettings.example.json lacks: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Missing(JsonElement json, Type options, string path)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{path}:{property.Name}";
            if (!json.TryGetProperty(property.Name, out var value))
            {
                yield return key;
                continue;
            }
            var isNestedOptions = property.PropertyType.IsClass && property.PropertyType.Namespace!.StartsWith("Buurtkracht", StringComparison.Ordinal);
            if (isNestedOptions)
                foreach (var nested in Missing(value, property.PropertyType, key)) yield return nested;
            else if (!json.TryGetProperty("//" + property.Name, out _))
                yield return key + " (description)";
        }
    }
}

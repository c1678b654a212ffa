using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Buurtkracht.Telegram;

/// <summary>Reads one update (webhook body or one element of a getUpdates batch) with Telegram.Bot's own JSON settings.</summary>
internal static class TelegramUpdateReader
{
    /// <returns>False, with the reason, when Telegram.Bot cannot read it (such as a chat member status it does not know yet).</returns>
    public static bool TryRead(JsonElement raw, [NotNullWhen(true)] out Update? update, [NotNullWhen(false)] out string? error)
    {
        try
        {
            // JsonBotAPI.Options: snake_case, unknown fields skipped, unknown enum values read as 0 (the mapper ignores those).
            update = raw.ValueKind == JsonValueKind.Object ? raw.Deserialize<Update>(JsonBotAPI.Options) : null;
            error = update is null ? "not an object" : null;
        }
        catch (JsonException ex)
        {
            update = null;
            error = ex.Message;
        }
        return update is not null;
    }
}

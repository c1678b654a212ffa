using Buurtkracht.Core.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Buurtkracht.Telegram;

/// <summary>
/// Introduces the bot to Telegram at start: getMe (for the username in links), the command menus, and the webhook (set
/// or deleted, by mode). Nothing here can stop the host: a refusal is logged and the bot carries on.
/// </summary>
public sealed class TelegramStartup(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    ICommandCatalog catalog,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramStartup> logger) : BackgroundService
{
    private static readonly TimeSpan MaxGetMeBackoff = TimeSpan.FromMinutes(5);

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first round (getMe, commands, webhook) is over, whatever its outcome.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        bool knowMe;
        try
        {
            knowMe = await TryAsync("getMe", GetMeAsync, ct);
            await TryAsync("setMyCommands", SetCommandsAsync, ct);
            await ConfigureWebhookAsync(ct);
        }
        finally
        {
            _ready.TrySetResult();
        }

        for (var attempt = 1; !knowMe && !ct.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(Backoff.Exponential(attempt, MaxGetMeBackoff), time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            knowMe = await TryAsync("getMe", GetMeAsync, ct);
        }
    }

    private async Task GetMeAsync(CancellationToken ct)
    {
        var me = await TelegramApi.CallAsync("getMe", client.GetMe, ct);
        identity.Username = me.Username;
        logger.LogInformation("Telegram bot is @{Username}", me.Username);
    }

    private async Task SetCommandsAsync(CancellationToken ct)
    {
        // Telegram shows a chat the most specific list only: a private chat its own (a role holder's, set when the role
        // changes), else all_private_chats; a group admin all_chat_administrators, anyone else in a group default.
        await TelegramMenus.SetAsync(client, BotCommandScope.Default(), TelegramMenus.Group(catalog, admins: false), ct);
        await TelegramMenus.SetAsync(client, BotCommandScope.AllPrivateChats(), TelegramMenus.Private(catalog, [CommandAudience.Everyone]), ct);
        await TelegramMenus.SetAsync(client, BotCommandScope.AllChatAdministrators(), TelegramMenus.Group(catalog, admins: true), ct);
    }

    private async Task ConfigureWebhookAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Mode == TelegramMode.Polling)
        {
            await TryAsync("deleteWebhook", token => TelegramApi.CallAsync("deleteWebhook", t => client.DeleteWebhook(cancellationToken: t), token), ct);
            return;
        }
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl))
        {
            logger.LogWarning("Telegram:Mode is Webhook but Telegram:WebhookUrl is empty: no updates will arrive.");
            return;
        }
        if (string.IsNullOrEmpty(settings.WebhookSecret))
            logger.LogWarning("Telegram:WebhookSecret is empty: the webhook endpoint refuses every request until it is set.");
        await TryAsync("setWebhook", token => TelegramApi.CallAsync("setWebhook", t => client.SetWebhook(settings.WebhookUrl,
            allowedUpdates: TelegramApi.AllowedUpdates, secretToken: settings.WebhookSecret, cancellationToken: t), token), ct);
    }

    private async Task<bool> TryAsync(string method, Func<CancellationToken, Task> call, CancellationToken ct)
    {
        try
        {
            await call(ct);
            return true;
        }
        catch (ApiRequestException ex)
        {
            logger.LogWarning("Telegram did not accept {Method} ({Code} {Description}); carrying on without it.", method, ex.ErrorCode, ex.Message);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Telegram {Method} failed ({Reason}); carrying on without it.", method, ex.Message);
        }
        return false;
    }
}

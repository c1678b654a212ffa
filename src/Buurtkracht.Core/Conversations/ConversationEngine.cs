using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// Routes every inbound message to the feature that owns it, in one database transaction per message: the update id
/// is recorded (so a redelivery is ignored, also after a restart), state changes and replies (outbox rows) commit
/// together, and the dispatcher is woken afterwards.
/// </summary>
public sealed class ConversationEngine(
    IServiceScopeFactory scopes,
    BotRegistry registry,
    Channels channels,
    TimeProvider clock,
    ServiceReadiness readiness,
    OutboxSignal outboxSignal,
    ILogger<ConversationEngine> log) : IInboundHandler
{
    // SQLite has one writer; turns are serialised so they never fight over the lock. Throughput comes from short turns.
    private readonly SemaphoreSlim _turnGate = new(1, 1);

    public async Task<InboundOutcome> HandleAsync(InboundMessage message, CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        await _turnGate.WaitAsync(ct);
        try
        {
            return await RunTurnAsync(message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Turn failed for update {UpdateId} on {Channel}", message.UpdateId, message.Chat.Channel);
            return await ApologiseAsync(message, ct);
        }
        finally
        {
            _turnGate.Release();
        }
    }

    private async Task<InboundOutcome> RunTurnAsync(InboundMessage message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await TryRecordUpdateAsync(db, message, now, ct)) return InboundOutcome.Duplicate;

        var ctx = await LoadContextAsync(db, message, now, scope.ServiceProvider, ct);
        await RouteAsync(ctx, scope.ServiceProvider.GetRequiredService<DialogRunner>(), ct);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outboxSignal.Notify();
        log.LogDebug("Processed update {UpdateId} ({Content})", message.UpdateId, message.Content.GetType().Name);
        return InboundOutcome.Processed;
    }

    private static async Task<bool> TryRecordUpdateAsync(BuurtkrachtDb db, InboundMessage message, DateTimeOffset now, CancellationToken ct)
    {
        if (await TurnQueries.UpdateSeen(db, message.UpdateId)) return false;
        db.ProcessedUpdates.Add(new ProcessedUpdate { Key = message.UpdateId, ProcessedAt = now });
        return true;
    }

    private async Task<TurnContext> LoadContextAsync(
        BuurtkrachtDb db, InboundMessage message, DateTimeOffset now, IServiceProvider services, CancellationToken ct)
    {
        var member = await Membership.UpsertMemberAsync(db, message.Chat.Channel, message.From, now, ct);
        if (message.ChatKind == ChatKind.Private && message.Content is not BotRemovedContent)
        {
            member.PrivateChatId = message.Chat.ChatId;
            member.PrivateChatUnreachable = false;
        }

        StreetGroup? group = null;
        if (message.ChatKind == ChatKind.Group)
        {
            group = await Membership.UpsertGroupAsync(db, message.Chat, message.ChatTitle, now, ct);
            // Whoever speaks in a group is a member, also those who joined before the bot did.
            if (!message.From.IsBot && message.Content is not MemberLeftContent and not BotRemovedContent)
                await Membership.EnsureMemberOfAsync(db, group, member, now, ct);
        }

        var ctx = new TurnContext(db, message, member, group, channels[message.Chat.Channel], now, services,
            services.GetRequiredService<DialogRunner>());
        ctx.DialogState = await TurnQueries.DialogState(db, message.Chat.Channel, message.Chat.ChatId, message.From.UserId);
        return ctx;
    }

    private async Task RouteAsync(TurnContext ctx, DialogRunner dialogs, CancellationToken ct)
    {
        var groups = ctx.Services.GetRequiredService<GroupLifecycle>();
        switch (ctx.Message.Content)
        {
            case BotAddedContent:
                await groups.OnBotAddedAsync(ctx, ct);
                return;
            case BotRemovedContent:
                await groups.OnBotRemovedAsync(ctx, ct);
                return;
            case MembersJoinedContent joined:
                await groups.OnMembersJoinedAsync(ctx, joined, ct);
                return;
            case MemberLeftContent left:
                await groups.OnMemberLeftAsync(ctx, left, ct);
                return;
            case CommandContent command:
                await RunCommandAsync(ctx, dialogs, command);
                return;
        }

        if (ctx.DialogState is { } state)
        {
            if (!dialogs.IsExpired(state, ctx.Now))
            {
                await dialogs.ContinueAsync(ctx, state);
                return;
            }
            dialogs.Remove(ctx);
            if (ctx.IsPrivate) ctx.Say(ConversationTexts.Expired);
            return;
        }

        if (ctx.Message.Content is ChoiceContent choice)
        {
            if (registry.FindChoiceHandler(choice.Data) is { } handler)
                await handler.HandleAsync(ctx, choice.Data[(handler.Prefix.Length + 1)..]);
            else if (ctx.IsPrivate)
                ctx.Say(ConversationTexts.ButtonExpired);
            return;
        }

        // Group chat stays quiet: only commands and dialogs get an answer there.
        if (!ctx.IsPrivate) return;
        switch (ctx.Message.Content)
        {
            case UnsupportedContent unsupported:
                ctx.Say(ConversationTexts.UnsupportedOutsideDialog, ctx.T(ConversationTexts.KindName(unsupported.Kind)));
                break;
            case LocationContent:
                ctx.Say(ConversationTexts.UnsupportedOutsideDialog, ctx.T(ConversationTexts.KindName("location")));
                break;
            case PhotoContent:
                ctx.Say(ConversationTexts.UnsupportedOutsideDialog, ctx.T(ConversationTexts.KindName("photo")));
                break;
            default:
                ctx.Say(ConversationTexts.NotUnderstood);
                break;
        }
    }

    private async Task RunCommandAsync(TurnContext ctx, DialogRunner dialogs, CommandContent command)
    {
        var name = command.Name;
        var argument = command.Argument;
        // A deep link from a group opens the private chat with "/start <command>[-<argument>]".
        if (name == "start" && ctx.IsPrivate && argument.Length > 0)
        {
            var dash = argument.IndexOf('-');
            var payloadCommand = dash > 0 ? argument[..dash] : argument;
            if (registry.FindCommand(payloadCommand) is { } target && target.Name != "start")
            {
                name = target.Name;
                argument = dash > 0 ? argument[(dash + 1)..] : "";
            }
        }

        if (ConversationTexts.StopWords.Contains("/" + name))
        {
            if (ctx.DialogState is not null) dialogs.Cancel(ctx);
            else if (ctx.IsPrivate) ctx.Say(ConversationTexts.NotUnderstood);
            return;
        }

        var found = registry.FindCommand(name);
        if (found is null)
        {
            if (ctx.IsPrivate) ctx.Say(ConversationTexts.UnknownCommand);
            return;
        }
        if (found.Scope == CommandScope.Private && !ctx.IsPrivate)
        {
            ctx.Say(ConversationTexts.PrivateOnly, ctx.Channel.PrivateChatLink(found.Name));
            return;
        }
        if (found.Scope == CommandScope.Group && ctx.IsPrivate)
        {
            ctx.Say(ConversationTexts.GroupOnly, found.Name);
            return;
        }

        // A new command replaces whatever dialog was running for this person in this chat.
        dialogs.Remove(ctx);
        ctx.CommandArgument = argument;
        await found.Run(ctx);
    }

    /// <summary>A bug or fault must not leave the person in silence: record the update and say sorry, or report failure.</summary>
    private async Task<InboundOutcome> ApologiseAsync(InboundMessage message, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
            if (!await TryRecordUpdateAsync(db, message, clock.GetUtcNow(), ct)) return InboundOutcome.Duplicate;
            if (message.ChatKind == ChatKind.Private)
            {
                var language = await db.Members
                    .Where(m => m.Channel == message.Chat.Channel && m.ChannelUserId == message.From.UserId)
                    .Select(m => m.Language).FirstOrDefaultAsync(ct) ?? Languages.Dutch;
                Outbox.Enqueue(db, message.Chat, message.ChatKind,
                    OutgoingMessage.Plain(ConversationTexts.SomethingWentWrong.In(language)), clock.GetUtcNow());
            }
            await db.SaveChangesAsync(ct);
            outboxSignal.Notify();
            return InboundOutcome.Processed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Could not record failed update {UpdateId}", message.UpdateId);
            return InboundOutcome.Failed;
        }
    }
}

using System.Threading.Channels;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// Routes every inbound message to the feature that owns it. Each turn records the update id (so a redelivery is
/// ignored, also after a restart) and commits its state changes and replies (outbox rows) together; the caller gets
/// its answer only after that commit, and the dispatcher is woken.
/// </summary>
/// <remarks>
/// SQLite has one writer, so one loop runs all turns. Under load it commits the turns that queued up meanwhile in one
/// transaction, each inside its own savepoint: a failing turn is rolled back alone, and a failing commit is retried
/// turn by turn. One commit per batch instead of per turn is what lets the service keep up with busy groups.
/// No platform is called inside the loop: a turn that needs a platform fact (an admin check, a photo) is rolled back,
/// the fact is fetched outside the loop with a short timeout (<see cref="PlatformFactFetcher"/>), and the turn runs again
/// with it, so one hanging platform call never holds up the other residents.
/// With several instances on PostgreSQL each turn first takes <see cref="TurnLocks"/>, so turns of one chat (or one
/// sender) on two instances run one after the other and a redelivery to both is seen as a duplicate by the second.
/// </remarks>
public sealed class ConversationEngine(
    IServiceScopeFactory scopes,
    BotRegistry registry,
    Channels channels,
    TimeProvider clock,
    ServiceReadiness readiness,
    OutboxSignal outboxSignal,
    PlatformFactFetcher platform,
    ILogger<ConversationEngine> log) : IInboundHandler, IAsyncDisposable
{
    private const int MaxBatch = 64;
    // A turn asks for its facts one by one (admin check, then the admin list): a few rounds, never an endless loop.
    private const int MaxFactRounds = 4;
    private const string TurnSavepoint = "turn";

    private readonly Channel<PendingTurn> _turns = System.Threading.Channels.Channel.CreateUnbounded<PendingTurn>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _writerLock = new();
    private Task? _writer;

    public async Task<InboundOutcome> HandleAsync(InboundMessage message, CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        var turn = new PendingTurn(message, ct);
        if (!_turns.Writer.TryWrite(turn)) return InboundOutcome.Failed;
        lock (_writerLock) _writer ??= Task.Run(WriteLoopAsync);
        return await turn.Done.Task.WaitAsync(ct);
    }

    public ValueTask DisposeAsync()
    {
        _turns.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingTurn>(MaxBatch);
        while (await _turns.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _turns.Reader.TryRead(out var turn))
            {
                if (turn.Ct.IsCancellationRequested) turn.Done.TrySetCanceled(turn.Ct);
                else batch.Add(turn);
            }
            try
            {
                if (batch.Count > 0) await RunBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // Last line of defence: the loop must survive whatever happens, or every later message would hang.
                log.LogError(ex, "Turn loop failed for a batch of {Count}", batch.Count);
                foreach (var turn in batch) turn.Done.TrySetResult(InboundOutcome.Failed);
            }
        }
    }

    private async Task RunBatchAsync(IReadOnlyList<PendingTurn> batch)
    {
        InboundOutcome?[] outcomes;
        try
        {
            outcomes = await CommitBatchAsync(batch);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            log.LogWarning(ex, "A batch of {Count} turns failed to commit; handling them one by one", batch.Count);
            foreach (var turn in batch) await RunBatchAsync([turn]);
            return;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Turn failed for update {UpdateId} on {Channel}", batch[0].Message.UpdateId, batch[0].Message.Chat.Channel);
            outcomes = [null];
        }
        if (outcomes.Contains(InboundOutcome.Processed)) outboxSignal.Notify();
        for (var i = 0; i < batch.Count; i++)
        {
            // Off the loop entirely, not even the synchronous start of the call runs here. The turn queues again behind
            // whatever came meanwhile: a later message of the same chat may be handled first, as with two webhook calls.
            var turn = batch[i];
            if (turn.Needs is { } query) _ = Task.Run(() => FetchAndRequeueAsync(turn, query));
            else
            {
                turn.Message.Press?.Publish(committed: outcomes[i] == InboundOutcome.Processed);
                turn.Done.TrySetResult(outcomes[i] ?? await ApologiseAsync(turn.Message, CancellationToken.None));
            }
        }
    }

    /// <summary>Outside the loop: asks the platform what the turn needs, then queues the turn again with the answer.</summary>
    private async Task FetchAndRequeueAsync(PendingTurn turn, PlatformQuery query)
    {
        turn.Needs = null;
        try
        {
            if (turn.Facts.Count >= MaxFactRounds)
            {
                log.LogError("Turn for update {UpdateId} kept asking for platform facts; given up", turn.Message.UpdateId);
                turn.Done.TrySetResult(await ApologiseAsync(turn.Message, CancellationToken.None));
                return;
            }
            turn.Facts.Add(query, await platform.FetchAsync(query, turn.Ct));
            if (!_turns.Writer.TryWrite(turn)) turn.Done.TrySetResult(InboundOutcome.Failed);
        }
        catch (OperationCanceledException) when (turn.Ct.IsCancellationRequested)
        {
            turn.Done.TrySetCanceled(turn.Ct);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Fetching a platform fact failed for update {UpdateId}", turn.Message.UpdateId);
            turn.Done.TrySetResult(InboundOutcome.Failed);
        }
    }

    /// <summary>Runs the turns in one transaction; a null outcome is a turn that threw and was rolled back.</summary>
    private async Task<InboundOutcome?[]> CommitBatchAsync(IReadOnlyList<PendingTurn> batch)
    {
        var outcomes = new InboundOutcome?[batch.Count];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        // The savepoint per turn below does what EF's automatic one per SaveChanges would.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        using var statements = TurnStatements.For(db, transaction);
        db.Turn = statements;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i].Message;
                batch[i].Needs = null;
                if (statements is not null) statements.BeginTurn(TurnSavepoint);
                else await transaction.CreateSavepointAsync(TurnSavepoint);
                try
                {
                    outcomes[i] = await RunTurnAsync(db, scope.ServiceProvider, message, batch[i].Facts);
                }
                catch (PlatformFactNeeded needed)
                {
                    // Undone as if it never ran; it comes back once the fact is in.
                    batch[i].Needs = needed.Query;
                    await transaction.RollbackToSavepointAsync(TurnSavepoint);
                }
                catch (Exception ex) when (!TurnLocks.IsDeadlock(ex))
                {
                    log.LogError(ex, "Turn failed for update {UpdateId} on {Channel}", message.UpdateId, message.Chat.Channel);
                    await transaction.RollbackToSavepointAsync(TurnSavepoint);
                }
                if (statements is not null) statements.ReleaseTurn(TurnSavepoint);
                else await transaction.ReleaseSavepointAsync(TurnSavepoint);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync();
        }
        finally
        {
            // The context goes back to the pool; the next user must not write into this batch's statements.
            db.Turn = null;
        }
        return outcomes;
    }

    private async Task<InboundOutcome> RunTurnAsync(BuurtkrachtDb db, IServiceProvider services, InboundMessage message, PlatformFacts facts)
    {
        var ct = CancellationToken.None;
        // Before anything is read: another instance's turn of this chat or this sender has committed by then.
        await TurnLocks.TakeAsync(db, message, ct);
        var now = clock.GetUtcNow();
        if (!await RecordUpdateInTurnAsync(db, message, now, ct)) return InboundOutcome.Duplicate;
        if (message.Content is GroupMovedContent moved)
        {
            // Before any context is loaded: that would create a group row for the new chat id, or touch the old one.
            await MoveGroupAsync(db, message.Chat.Channel, moved, now, ct);
            await db.SaveChangesAsync(ct);
            return InboundOutcome.Processed;
        }

        // A run that stops for a platform fact, or fails, must leave no answer behind for the press.
        message.Press?.Stage(null);
        var ctx = await LoadContextAsync(db, message, now, services, facts, ct);
        await RouteAsync(ctx, services.GetRequiredService<DialogRunner>(), ct);
        await db.SaveChangesAsync(ct);
        message.Press?.Stage(ctx.PressAnswer);
        // After SaveChanges, so a group first seen in this turn has its id; inside the turn's savepoint, so a turn that
        // fails counts nothing, and a redelivered update never got this far.
        if (ctx.Group is { } group && GroupMessageCounter.Counts(message))
            await GroupMessageCounter.CountAsync(db, group.Id, now, ct);
        if (log.IsEnabled(LogLevel.Debug))
            log.LogDebug("Processed update {UpdateId} ({Content})", message.UpdateId, message.Content.GetType().Name);
        return InboundOutcome.Processed;
    }

    private async Task MoveGroupAsync(BuurtkrachtDb db, ChannelKind channel, GroupMovedContent moved, DateTimeOffset now, CancellationToken ct)
    {
        if (await GroupMove.MoveAsync(db, channel, moved.FromChatId, moved.ToChatId, now, ct) is { } groupId)
            log.LogInformation("Street group {GroupId} on {Channel} moved to a new chat id", groupId, channel);
        log.LogDebug("Group chat {From} on {Channel} moved to {To}", moved.FromChatId, channel, moved.ToChatId);
    }

    private sealed class PendingTurn(InboundMessage message, CancellationToken ct)
    {
        public InboundMessage Message { get; } = message;
        public CancellationToken Ct { get; } = ct;
        public TaskCompletionSource<InboundOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What the platforms answered for this message, kept across its reruns.</summary>
        public PlatformFacts Facts { get; } = new();

        /// <summary>Set when the last run stopped for a fact it did not have.</summary>
        public PlatformQuery? Needs { get; set; }
    }

    /// <summary>
    /// Inside the batch's transaction and the turn's savepoint: one statement that both records the update and says
    /// whether it was new, instead of a look-up now and a tracked insert at SaveChanges. The row goes when the turn is
    /// rolled back (a failure, or a platform fact it has to wait for), so a redelivery is still a duplicate only once a
    /// turn for it committed. With several instances the unique key decides: the second insert waits for the first
    /// transaction and then inserts nothing.
    /// </summary>
    private static async Task<bool> RecordUpdateInTurnAsync(BuurtkrachtDb db, InboundMessage message, DateTimeOffset now, CancellationToken ct) =>
        db.Turn is { } statements
            ? statements.RecordUpdate(message.UpdateId, now)
            : await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ProcessedUpdates" ("Key", "ProcessedAt") VALUES ({message.UpdateId}, {now.ToUnixTimeMilliseconds()}) ON CONFLICT DO NOTHING""",
            ct) == 1;

    /// <summary>Outside a turn (the apology): the update row is saved together with the apology, or not at all.</summary>
    private static async Task<bool> TryRecordUpdateAsync(BuurtkrachtDb db, InboundMessage message, DateTimeOffset now, CancellationToken ct)
    {
        if (await TurnQueries.For(db).UpdateSeen(db, message.UpdateId)) return false;
        db.ProcessedUpdates.Add(new ProcessedUpdate { Key = message.UpdateId, ProcessedAt = now });
        return true;
    }

    private async Task<TurnContext> LoadContextAsync(
        BuurtkrachtDb db, InboundMessage message, DateTimeOffset now, IServiceProvider services, PlatformFacts facts, CancellationToken ct)
    {
        var member = await Membership.UpsertMemberAsync(db, message.Chat.Channel, message.From, now, ct);
        // To the day, so a busy member costs one extra write a day, not one per message.
        if (!message.From.IsBot && (member.LastActiveAt is not { } last || now - last >= TimeSpan.FromDays(1))) member.LastActiveAt = now;
        if (message.ChatKind == ChatKind.Private && message.Content is not BotRemovedContent)
        {
            var opened = member.PrivateChatId != message.Chat.ChatId || member.PrivateChatUnreachable;
            member.PrivateChatId = message.Chat.ChatId;
            member.PrivateChatUnreachable = false;
            // A role granted before the private chat was known had no chat to put its menu in.
            if (opened && member.Id > 0 && await TurnQueries.For(db).HasAnyRole(db, member.Id))
                await CommandMenus.EnqueueAsync(db, member, now, ct);
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
            services.GetRequiredService<DialogRunner>(), new TurnPlatform(facts, message));
        ctx.DialogState = db.Turn is { } turn && !turn.HasDialogState(message.Chat.Channel, message.Chat.ChatId, message.From.UserId)
            ? null
            : await TurnQueries.For(db).DialogState(db, message.Chat.Channel, message.Chat.ChatId, message.From.UserId);
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
            case TextContent text when await Intents.AnswerAsync(ctx, text.Text):
                break;
            case TextContent text when await FreeTextAsync(ctx, text.Text):
                break;
            default:
                ctx.Say(ConversationTexts.NotUnderstood);
                break;
        }
    }

    private static async Task<bool> FreeTextAsync(TurnContext ctx, string text)
    {
        foreach (var handler in ctx.Services.GetServices<IFreeTextHandler>())
            if (await handler.TryHandleAsync(ctx, text)) return true;
        return false;
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
            else if (ctx.IsPrivate) ctx.Say(ConversationTexts.NothingToStop);
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
            ctx.Say(found.Name == "melding" ? ConversationTexts.PrivateOnlyMelding : ConversationTexts.PrivateOnly, ctx.Channel.PrivateChatLink(found.Name));
            return;
        }
        if (found.Scope == CommandScope.Group && ctx.IsPrivate)
        {
            ctx.Say(ConversationTexts.GroupOnly, found.Name);
            return;
        }

        ctx.CommandArgument = argument;
        if (ctx.DialogState is { } running && !dialogs.IsExpired(running, ctx.Now))
        {
            if (found.KeepsDialog)
            {
                await found.Run(ctx);
                await dialogs.AskAgainAsync(ctx, running);
                return;
            }
            // Otherwise the next answer would land in a dialog the person no longer sees: say that it stopped (not when
            // the command simply starts the same dialog again).
            if (!string.Equals(running.DialogName, found.Name, StringComparison.OrdinalIgnoreCase))
                ctx.Say(ConversationTexts.StoppedForCommand);
        }
        // A new command replaces whatever dialog was running for this person in this chat.
        dialogs.Remove(ctx);
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

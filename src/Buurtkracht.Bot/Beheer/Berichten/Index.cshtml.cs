using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.AspNetCore.Mvc;

namespace Buurtkracht.Bot.Beheer.Berichten;

/// <summary>
/// /beheer/berichten (coördinatoren only): the messages the bot gave up on after Outbox:GiveUpAfter, and sending them
/// again, through the same OutboxAdmin as the CLI's outbox failed/retry. Never the texts or chat ids: only where and why.
/// </summary>
public sealed class IndexModel(BuurtkrachtDb db, OutboxAdmin outbox, OutboxSignal signal) : BeheerPageModel
{
    public sealed record Row(long Id, string Channel, string ChatKind, DateTime CreatedAt, string Age, int Attempts, string? Reason);

    /// <summary>What a press of a button sends: one message, or all of them when Id is empty.</summary>
    public sealed record RetryCommand(long? Id);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>How many were queued again by the post that led here.</summary>
    public int? Retried { get; private set; }

    public async Task OnGetAsync(int? opnieuw)
    {
        Retried = opnieuw;
        var failed = await outbox.ListFailedAsync(db, HttpContext.RequestAborted);
        Rows = failed.Select(r => new Row(r.Id, r.Channel.ToString(), ChatKindLabel(r.ChatKind), Amsterdam.ToLocal(r.CreatedAt), AgeLabel(r.Age),
            r.Attempts, r.Reason)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(RetryCommand command)
    {
        var retried = await outbox.RetryAsync(db, command.Id is { } id ? [id] : null, Viewer.AuditActor, HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        signal.Notify();
        return Redirect($"/beheer/berichten?opnieuw={retried.Count}");
    }

    private string ChatKindLabel(ChatKind kind) => kind == ChatKind.Group ? T("Beheer.Berichten.Index.Group") : T("Beheer.Berichten.Index.Private");

    private string AgeLabel(TimeSpan age) => age.TotalDays >= 1
        ? T("Beheer.Berichten.Index.DayS", (int)age.TotalDays)
        : T("Beheer.Berichten.Index.HourS", (int)age.TotalHours);
}

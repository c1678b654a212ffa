using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;

namespace Buurtkracht.Core.Broadcasts;

/// <summary>The "Intrekken" button under a scheduled broadcast's confirmation: a coördinator cancels it until it starts.</summary>
public sealed class BroadcastCancelChoice(BroadcastService broadcasts) : IChoiceHandler
{
    public const string ChoicePrefix = "omroepx";

    public string Prefix => ChoicePrefix;

    public async Task HandleAsync(TurnContext ctx, string payload)
    {
        if (!await ctx.HasRoleAsync(Role.Coordinator))
        {
            ctx.Say(BroadcastTexts.OnlyCoordinators);
            return;
        }
        if (!int.TryParse(payload, out var id) || !await broadcasts.CancelAsync(ctx.Db, id, AuditLog.Who(ctx.Member), ctx.Now))
        {
            ctx.Say(BroadcastTexts.CannotCancel);
            return;
        }
        ctx.Say(BroadcastTexts.Cancelled, id);
    }
}

using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Status and forwarding state in plain words, as the chat, the dashboard and the export show them.</summary>
public static class MeldingLabels
{
    public static TextKey Status(MeldingStatus status) => MeldingTexts.StatusName(status);

    public static TextKey Forwarding(ForwardingState state) => state switch
    {
        ForwardingState.Pending => new("Meldingen.Forwarding.Pending"),
        ForwardingState.Sending => new("Meldingen.Forwarding.Sending"),
        ForwardingState.Forwarded => new("Meldingen.Forwarding.Forwarded"),
        _ => new("Meldingen.Forwarding.Other"),
    };

    /// <summary>Said beside a forward whose first try was cut off after it may have reached the gemeente.</summary>
    public static readonly TextKey PossibleDuplicate = new("Meldingen.MeldingLabels.PossibleDuplicate");
}

using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Status and forwarding state in plain words, as the chat, the dashboard and the export show them.</summary>
public static class MeldingLabels
{
    public static LocalText Status(MeldingStatus status) => MeldingTexts.StatusName(status);

    public static LocalText Forwarding(ForwardingState state) => state switch
    {
        ForwardingState.Pending => new("wacht", "waiting"),
        ForwardingState.Sending => new("wordt nu verstuurd", "being sent"),
        ForwardingState.Forwarded => new("doorgestuurd", "forwarded"),
        _ => new("mislukt, wordt opnieuw geprobeerd", "failed, will be retried"),
    };

    /// <summary>Said beside a forward whose first try was cut off after it may have reached the gemeente.</summary>
    public static readonly LocalText PossibleDuplicate = new("mogelijk dubbel verstuurd", "possibly sent twice");
}

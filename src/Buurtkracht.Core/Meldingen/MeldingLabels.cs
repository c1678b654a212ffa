using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Status and forwarding state in plain words, as the chat, the dashboard and the export show them.</summary>
public static class MeldingLabels
{
    public static LocalText Status(MeldingStatus status) => MeldingTexts.StatusName(status);

    public static LocalText Forwarding(ForwardingState state) => state switch
    {
        ForwardingState.Pending => new("wacht", "waiting"),
        ForwardingState.Forwarded => new("doorgestuurd", "forwarded"),
        _ => new("mislukt, wordt opnieuw geprobeerd", "failed, will be retried"),
    };
}

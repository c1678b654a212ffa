using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Telegram;

/// <summary>Lets the melding dialog fetch a resident's photo through getFile, capped at Telegram:MaxPhotoBytes.</summary>
internal sealed class TelegramPhotoDownloader(TelegramChannel channel) : IPhotoDownloader
{
    public ChannelKind Kind => ChannelKind.Telegram;

    public Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct) =>
        channel.DownloadPhotoAsync(fileId, destination, ct);
}

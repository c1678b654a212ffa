using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Telegram.Bot.Exceptions;

namespace Buurtkracht.Telegram;

/// <summary>Lets the melding forwarding job (and /omroep) fetch a resident's photo through getFile, capped at Telegram:MaxPhotoBytes.</summary>
internal sealed class TelegramPhotoDownloader(TelegramChannel channel) : IPhotoDownloader
{
    public ChannelKind Kind => ChannelKind.Telegram;

    public async Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct)
    {
        try
        {
            return await channel.DownloadPhotoAsync(fileId, destination, ct);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // Core knows no Telegram errors: "file is too big" is a size refusal, any other 400 ("wrong file id",
            // "invalid file_id", no file_path) means Telegram cannot hand this file over.
            if (ex.Message.Contains("too big", StringComparison.OrdinalIgnoreCase)) throw new InvalidDataException(ex.Message, ex);
            throw new FileNotFoundException(ex.Message, ex);
        }
    }
}

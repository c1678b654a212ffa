using System.Net.Http.Headers;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Teams;

/// <summary>
/// Fetches a picture a resident sent in Teams (a Bot Connector attachment URL) with the app token. The token only
/// goes to URLs under a serviceUrl that arrived on an authenticated activity; anything else is refused.
/// </summary>
internal sealed class TeamsPhotoDownloader(
    IHttpClientFactory http, ConnectorTokenProvider tokens, TeamsConversationStore store, IOptions<TeamsOptions> options) : IPhotoDownloader
{
    public ChannelKind Kind => ChannelKind.Teams;

    public async Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct)
    {
        if (!Uri.TryCreate(fileId, UriKind.Absolute, out var url) || !await store.IsKnownServiceUrlPrefixAsync(url, ct))
            throw new InvalidOperationException("The picture's address is not under a known Bot Connector serviceUrl.");

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(ct));
        using var response = await http.CreateClient(ConnectorClient.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        var max = options.Value.MaxPhotoBytes;
        if (response.Content.Headers.ContentLength > max) throw new InvalidDataException("photo over Teams:MaxPhotoBytes");

        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > max) throw new InvalidDataException("photo over Teams:MaxPhotoBytes");
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }
}

using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>Photos a test hands the dialog as if the platform stored them; a file over the cap is refused like Telegram does.</summary>
public sealed class FakePhotoDownloader(ChannelKind kind = ChannelKind.Telegram) : IPhotoDownloader
{
    public Dictionary<string, byte[]> Files { get; } = [];
    public long MaxBytes { get; set; } = 1_000_000;

    /// <summary>Every file id asked for, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = [];

    /// <summary>The next this-many downloads fail like a file server that is down.</summary>
    public int FailNext { get; set; }

    /// <summary>File ids the channel says no longer exist (Telegram's 400 "wrong file id").</summary>
    public HashSet<string> Gone { get; } = [];

    public ChannelKind Kind { get; } = kind;

    public async Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct)
    {
        Requests.Enqueue(fileId);
        if (FailNext > 0)
        {
            FailNext--;
            throw new HttpRequestException("file server down");
        }
        if (Gone.Contains(fileId)) throw new FileNotFoundException("wrong file id");
        if (!Files.TryGetValue(fileId, out var content)) throw new HttpRequestException("file not found");
        if (content.Length > MaxBytes) throw new InvalidDataException("too large");
        await destination.WriteAsync(content, ct);
        return content.Length;
    }
}

/// <summary>Walks a harness through /melding.</summary>
public static class MeldingSteps
{
    public static readonly LocationContent InAlblasserdam = new(51.8655, 4.6600);
    public static readonly LocationContent InDordrecht = new(51.8133, 4.6901);

    public static async Task<CoreHarness> StartAsync(FakePhotoDownloader? photos = null, ChannelKind channel = ChannelKind.Telegram,
        IDictionary<string, string?>? settings = null)
    {
        photos ??= new FakePhotoDownloader(channel);
        return await CoreHarness.StartAsync(s => s.AddSingleton<IPhotoDownloader>(photos), settings, channel);
    }

    /// <summary>The settings that point the Open311 sink at a fake server.</summary>
    public static Dictionary<string, string?> Open311At(Buurtkracht.Testing.FakeOpen311Server server) => new()
    {
        ["Meldingen:Open311:Endpoint"] = server.BaseUrl,
        ["Meldingen:Open311:ApiKey"] = Buurtkracht.Testing.FakeOpen311Server.ApiKey,
        ["Meldingen:Open311:JurisdictionId"] = Buurtkracht.Testing.FakeOpen311Server.Jurisdiction,
    };

    /// <summary>Runs the forwarding job once, as Quartz would.</summary>
    public static async Task<int> ForwardOnceAsync(CoreHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<MeldingForwardingJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    public static async Task<int> CategoryIdAsync(CoreHarness h, string code) =>
        await h.DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.MeldingCategories, c => c.Code == code)).ContinueWith(t => t.Result.Id);

    /// <summary>/melding, a theme and a category, and the place when given.</summary>
    public static async Task<Turn> UpToAsync(CoreHarness h, Sender who, string theme, string categoryCode, string? place = null)
    {
        await h.PrivateAsync(who, "/melding");
        await h.PrivateAsync(who, new ChoiceContent($"thema:{theme}"));
        var turn = await h.PrivateAsync(who, new ChoiceContent($"cat:{await CategoryIdAsync(h, categoryCode)}"));
        return place is null ? turn : await h.PrivateAsync(who, place);
    }

    /// <summary>From /melding to the summary: Heel, openbare verlichting, the given place, a description, no photos, anonymous.</summary>
    public static async Task<Turn> ToSummaryAsync(CoreHarness h, Sender who, InboundContent? place = null, string description = "De lantaarnpaal voor nummer 12 is al een week kapot.")
    {
        await UpToAsync(h, who, "Heel", "verlichting");
        await h.PrivateAsync(who, place ?? new TextContent("Kerkstraat 12"));
        await h.PrivateAsync(who, description);
        await h.PrivateAsync(who, new ChoiceContent("fotos:klaar"));
        return await h.PrivateAsync(who, new ChoiceContent("contact:anoniem"));
    }
}

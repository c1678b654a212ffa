using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Testing;

/// <summary>
/// An in-process map tile server on loopback (real HTTP) that answers /{z}/{x}/{y}.png with a small PNG, as PDOK's
/// BRT-achtergrondkaart would, and records which tiles were asked for.
/// </summary>
public sealed class FakeTileServer : IAsyncDisposable
{
    // A 1×1 light grey PNG; the browser scales it to the 256 px tile.
    private static readonly byte[] Tile = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48OABAAVEAqEuYekCAAAAAElFTkSuQmCC");

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeTileServer(WebApplication app)
    {
        _app = app;
        app.MapGet("/{z:int}/{x:int}/{y:int}.png", (int z, int x, int y) =>
        {
            _requests.Enqueue($"{z}/{x}/{y}");
            return Results.Bytes(Tile, "image/png");
        });
    }

    public static async Task<FakeTileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeTileServer(builder.Build());
        await server._app.StartAsync();
        server.TemplateUrl = server._app.Urls.First() + "/{z}/{x}/{y}.png";
        return server;
    }

    /// <summary>Goes in Beheer:MapTiles.</summary>
    public string TemplateUrl { get; private set; } = "";

    /// <summary>The tiles asked for, as "z/x/y".</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

namespace Buurtkracht.Core.Meldingen;

/// <summary>Where a melding is passed on: the Open311 server, the meldpunt's mailbox, or nowhere beyond the database.</summary>
public interface IMeldingSink
{
    /// <summary>Stable name stored with each forward: "store", "open311", "email".</summary>
    string Name { get; }

    /// <summary>Passes the melding on. Throws (or returns a failure) when it should be tried again later.</summary>
    Task<SinkResult> ForwardAsync(Melding melding, CancellationToken ct);
}

/// <summary>How forwarding went.</summary>
public abstract record SinkResult
{
    private SinkResult() { }

    /// <param name="ExternalId">The id the other side gave (Open311 service_request_id), if any.</param>
    /// <param name="ExternalToken">An Open311 token to resolve to an id later, if the server answered with one.</param>
    public sealed record Forwarded(string? ExternalId = null, string? ExternalToken = null) : SinkResult;

    /// <summary>Not forwarded this time; retried with backoff.</summary>
    public sealed record Failed(string Reason) : SinkResult;
}

/// <summary>The default when no sink is configured: the melding is kept in the database for the coördinatoren (CLI list/export).</summary>
public sealed class StoreOnlySink : IMeldingSink
{
    public const string SinkName = "store";

    public string Name => SinkName;

    public Task<SinkResult> ForwardAsync(Melding melding, CancellationToken ct) => Task.FromResult<SinkResult>(new SinkResult.Forwarded());
}

namespace Buurtkracht.Core.Tests.Infrastructure;

/// <summary>A fresh harness, on a fresh file, for every test (xunit makes one instance of the class per test).</summary>
public abstract class HarnessTests : IAsyncLifetime
{
    protected CoreHarness H { get; private set; } = null!;

    /// <summary>Override for settings, extra registrations or channel answers every test of the class needs.</summary>
    protected virtual Task<CoreHarness> StartAsync() => CoreHarness.StartAsync();

    public async Task InitializeAsync() => H = await StartAsync();

    public async Task DisposeAsync() => await H.DisposeAsync();
}

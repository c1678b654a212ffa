using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Testing;

/// <summary>One log line as a provider received it, after the host's level filters.</summary>
public sealed record LogLine(LogLevel Level, string Category, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " | " + Exception)}";
}

/// <summary>
/// A logging provider that keeps every line the host's filters let through, with its formatted message and exception,
/// so a test can search the log as an operator would read it. Add it with <c>logging.AddProvider(log)</c>.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => _lines.ToList();

    /// <summary>The lines above Debug (Information, Warning, Error, Critical).</summary>
    public IReadOnlyList<LogLine> AboveDebug => _lines.Where(l => l.Level > LogLevel.Debug && l.Level != LogLevel.None).ToList();

    /// <summary>Lines above Debug that contain <paramref name="value"/> (case-insensitive) in message or exception.</summary>
    public IReadOnlyList<LogLine> AboveDebugContaining(string value) =>
        AboveDebug.Where(l => l.Message.Contains(value, StringComparison.OrdinalIgnoreCase)
            || (l.Exception?.Contains(value, StringComparison.OrdinalIgnoreCase) ?? false)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Adds this provider to a host's services, for a BotHost's services callback.</summary>
    public void AddTo(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ILoggerProvider>(services, this);

    public void Dispose() { }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception?.ToString()));
    }
}

using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Buurtkracht.Testing;

/// <summary>Marks a test class whose tests run on PostgreSQL: they are skipped when <see cref="TestPostgres.SkipReason"/> says so.</summary>
public interface IRunsOnPostgres;

/// <summary>A fact of a class that may run on either database: skipped when it is a PostgreSQL class and no server is there.</summary>
[XunitTestCaseDiscoverer("Buurtkracht.Testing.DatabaseFactDiscoverer", "Buurtkracht.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

/// <summary>A theory of a class that may run on either database (see <see cref="DatabaseFactAttribute"/>).</summary>
[XunitTestCaseDiscoverer("Buurtkracht.Testing.DatabaseTheoryDiscoverer", "Buurtkracht.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

internal static class PostgresSkip
{
    public static string? For(ITestMethod method) =>
        typeof(IRunsOnPostgres).IsAssignableFrom(method.TestClass.Class.ToRuntimeType()) ? TestPostgres.SkipReason : null;

    public static IXunitTestCase Skipped(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string reason) =>
        new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason);
}

public sealed class DatabaseFactDiscoverer(IMessageSink sink) : FactDiscoverer(sink)
{
    private readonly IMessageSink _sink = sink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo fact) =>
        PostgresSkip.For(method) is { } reason ? [PostgresSkip.Skipped(_sink, options, method, reason)] : base.Discover(options, method, fact);
}

public sealed class DatabaseTheoryDiscoverer(IMessageSink sink) : TheoryDiscoverer(sink)
{
    private readonly IMessageSink _sink = sink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo theory) =>
        PostgresSkip.For(method) is { } reason ? [PostgresSkip.Skipped(_sink, options, method, reason)] : base.Discover(options, method, theory);
}

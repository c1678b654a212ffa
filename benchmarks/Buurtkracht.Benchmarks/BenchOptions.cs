namespace Buurtkracht.Benchmarks;

public enum Scenario
{
    All,
    Startup,
    Throughput,
    Latency,
    Memory,
}

/// <summary>The command line: <c>[all|startup|throughput|latency|memory] [--updates N] [--rate R] [--seconds S] ...</c>.</summary>
public sealed record BenchOptions
{
    public Scenario Scenario { get; init; } = Scenario.All;
    public int Updates { get; init; } = 20_000;
    public int Rate { get; init; } = 500;
    public int Seconds { get; init; } = 60;
    public int StartupRuns { get; init; } = 5;
    public int IdleSeconds { get; init; } = 10;
    public IReadOnlyList<int> Concurrency { get; init; } = [8, 16, 32];
    public string? BotDll { get; init; }
    public string? Output { get; init; }
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();
    public string? ServiceLog { get; init; }

    /// <summary>A PostgreSQL server (its maintenance database); each run gets a fresh database there, dropped afterwards. Null: SQLite.</summary>
    public string? Postgres { get; init; }

    /// <summary>Service processes on the one PostgreSQL database; the load generator spreads the webhooks over them.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>Leave the PostgreSQL databases of the runs on the server, to look into them afterwards.</summary>
    public bool KeepDatabase { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>"grammy": run every chosen scenario against the service and the grammY peer in turn (issue 18). Null: the service alone.</summary>
    public string? Peer { get; init; }

    /// <summary>With --peer: how many alternated rounds of the chosen scenarios.</summary>
    public int Rounds { get; init; } = 2;

    public bool Runs(Scenario scenario) => Scenario == Scenario.All || Scenario == scenario;

    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/Buurtkracht.Benchmarks -- [all|startup|throughput|latency|memory]
                 [--updates N]        updates per throughput run (default 20000)
                 [--concurrency 8,16] connections for the throughput runs (default 8,16,32)
                 [--rate R]           updates per second for the latency run (default 500)
                 [--seconds S]        length of the latency run (default 60)
                 [--runs K]           start-ups to time (default 5)
                 [--idle S]           idle time before reading memory (default 10)
                 [--bot PATH]         Buurtkracht.Bot.dll to measure (default: the one built beside this harness)
                 [--out PATH]         markdown report (default benchmarks/results/latest.md)
                 [--env KEY=VALUE]    extra setting for the service (repeatable), e.g. to profile with EF Core command logging
                 [--service-log PATH] append everything the service writes to this file
                 [--postgres CS]      run on PostgreSQL: a fresh database per run on this server (e.g.
                                      "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres"), dropped at the end
                 [--keep-database]    leave the PostgreSQL databases on the server (to look into them), names printed
                 [--instances N]      service processes on that one database, webhooks round-robin over them (default 1; needs --postgres)
                 [--peer grammy]      the same scenarios against the service and the grammY peer (benchmarks/peer-grammy,
                                      `npm ci` there first) in turn; report benchmarks/results/latest-peer-grammy.md
                 [--rounds N]         with --peer: alternated rounds (default 2)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Arguments = args };
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            int Positive() => int.TryParse(Value(), out var n) && n > 0 ? n : throw new ArgumentException($"{arg} takes a positive whole number");
            options = arg switch
            {
                "--updates" => options with { Updates = Positive() },
                "--rate" => options with { Rate = Positive() },
                "--seconds" => options with { Seconds = Positive() },
                "--runs" => options with { StartupRuns = Positive() },
                "--idle" => options with { IdleSeconds = Positive() },
                "--concurrency" => options with { Concurrency = ParseList(Value(), arg) },
                "--bot" => options with { BotDll = Path.GetFullPath(Value()) },
                "--out" => options with { Output = Path.GetFullPath(Value()) },
                "--service-log" => options with { ServiceLog = Path.GetFullPath(Value()) },
                "--postgres" => options with { Postgres = Value() },
                "--instances" => options with { Instances = Positive() },
                "--keep-database" => options with { KeepDatabase = true },
                "--peer" => options with { Peer = Value() is "grammy" ? "grammy" : throw new ArgumentException("--peer takes grammy") },
                "--rounds" => options with { Rounds = Positive() },
                "--env" => options with { ServiceEnvironment = WithSetting(options.ServiceEnvironment, Value(), arg) },
                _ when !arg.StartsWith('-') && Enum.TryParse<Scenario>(arg, ignoreCase: true, out var scenario) =>
                    options with { Scenario = scenario },
                _ => throw new ArgumentException($"unknown argument '{arg}'"),
            };
        }
        // Bounds keep every run finite on a two-core machine, whatever is typed.
        if (options.Updates > 200_000) throw new ArgumentException("--updates is capped at 200000");
        if (options.Rate > 5_000) throw new ArgumentException("--rate is capped at 5000");
        if (options.Seconds > 120) throw new ArgumentException("--seconds is capped at 120");
        if (options.Concurrency.Any(c => c > 256)) throw new ArgumentException("--concurrency is capped at 256");
        if (options.Rounds > 5) throw new ArgumentException("--rounds is capped at 5");
        if (options.Peer is not null && (options.Postgres is not null || options.Instances > 1))
            throw new ArgumentException("--peer compares on SQLite only: leave out --postgres and --instances");
        if (options.Instances > 8) throw new ArgumentException("--instances is capped at 8");
        // The service itself refuses a second instance on one SQLite file.
        if (options.Instances > 1 && options.Postgres is null) throw new ArgumentException("--instances above 1 needs --postgres");
        return options;
    }

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string value, string arg)
    {
        var equals = value.IndexOf('=');
        if (equals <= 0) throw new ArgumentException($"{arg} takes KEY=VALUE");
        return new Dictionary<string, string>(settings) { [value[..equals]] = value[(equals + 1)..] };
    }

    private static int[] ParseList(string value, string arg) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.TryParse(v, out var n) && n > 0 ? n : throw new ArgumentException($"{arg} takes positive numbers, comma separated"))
            .ToArray();
}

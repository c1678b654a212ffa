using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Meldingen;

/// <summary>One attribute of a GeoReport v2 service definition (services/{code}.json), as the dialog asks it.</summary>
public sealed record Open311Attribute(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("variable")] bool Variable = true,
    [property: JsonPropertyName("datatype")] string? Datatype = null,
    [property: JsonPropertyName("required")] bool Required = false,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("order")] int Order = 0,
    [property: JsonPropertyName("values")] IReadOnlyList<Open311AttributeValue>? Values = null)
{
    public bool IsList => Datatype is "singlevaluelist" or "multivaluelist";
    public bool IsMultiple => Datatype == "multivaluelist";
}

/// <summary>A choice of a list attribute; GeoReport servers send the key as a string or a number.</summary>
public sealed record Open311AttributeValue(
    [property: JsonPropertyName("key")] JsonElement Key,
    [property: JsonPropertyName("name")] string? Name)
{
    public string KeyText => Key.ValueKind == JsonValueKind.String ? Key.GetString() ?? "" : Key.GetRawText();
}

/// <summary>
/// The municipality's services and their definitions, cached for an hour: which service_code a category goes to, and
/// which attributes it needs. The dialog reads only what is cached (no HTTP call inside a turn, which would hold up the
/// engine's one writer loop); <see cref="Open311CatalogJob"/> keeps it warm, the sink refreshes it when it is stale.
/// </summary>
public sealed class Open311Catalog(Open311Client client, IOptions<MeldingenOptions> options, TimeProvider clock, ILogger<Open311Catalog> log)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromHours(1);
    private (IReadOnlyList<Open311Service> Services, DateTimeOffset FetchedAt)? _services;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<Open311Attribute> Attributes, DateTimeOffset FetchedAt)> _definitions = new();

    private bool Fresh(DateTimeOffset fetchedAt) => clock.GetUtcNow() - fetchedAt <= CacheTime;

    public async Task<IReadOnlyList<Open311Service>> ServicesAsync(CancellationToken ct)
    {
        if (_services is { } cached && Fresh(cached.FetchedAt)) return cached.Services;
        var services = await client.GetServicesAsync(ct);
        _services = (services, clock.GetUtcNow());
        return services;
    }

    /// <summary>The attributes of a service's definition; none for a service without metadata.</summary>
    public async Task<IReadOnlyList<Open311Attribute>> AttributesAsync(string serviceCode, CancellationToken ct)
    {
        if (_definitions.TryGetValue(serviceCode, out var cached) && Fresh(cached.FetchedAt)) return cached.Attributes;
        var hasMetadata = (await ServicesAsync(ct)).Any(s => s.ServiceCode == serviceCode && s.Metadata);
        var attributes = hasMetadata ? await client.GetAttributesAsync(serviceCode, ct) : [];
        _definitions[serviceCode] = (attributes, clock.GetUtcNow());
        return attributes;
    }

    /// <summary>Configured mapping first, then a service whose service_name equals the category name, then the default.</summary>
    public async Task<string?> ServiceCodeAsync(MeldingCategory? category, string categoryName, CancellationToken ct) =>
        ServiceCode(category, categoryName, await ServicesAsync(ct));

    private string? ServiceCode(MeldingCategory? category, string categoryName, IReadOnlyList<Open311Service>? services)
    {
        var o = options.Value.Open311;
        if (category?.Code is { } code && o.ServiceCodes.TryGetValue(code, out var mapped)) return mapped;
        var names = new[] { categoryName, category?.NameNl, category?.NameEn }.OfType<string>();
        return services?.FirstOrDefault(s => names.Any(n => string.Equals(s.ServiceName?.Trim(), n, StringComparison.OrdinalIgnoreCase)))?.ServiceCode
            ?? o.DefaultServiceCode;
    }

    /// <summary>
    /// What the dialog asks for this category, from the cache only: the required attributes the resident can answer, in
    /// the definition's order. The reference attribute is filled in by the sink, never asked.
    /// </summary>
    public IReadOnlyList<Open311Attribute> CachedQuestions(MeldingCategory category)
    {
        if (ServiceCode(category, category.NameNl, _services?.Services) is not { } code || !_definitions.TryGetValue(code, out var cached)) return [];
        var reference = options.Value.Open311.ReferenceAttribute;
        return cached.Attributes
            .Where(a => a is { Variable: true, Required: true, Code.Length: > 0 } && a.Code != reference && (!a.IsList || a.Values is { Count: > 0 }))
            .OrderBy(a => a.Order).ToList();
    }

    /// <summary>Fetches services.json and the definition of every service with metadata.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        _services = null;
        foreach (var service in (await ServicesAsync(ct)).Where(s => s.Metadata))
        {
            _definitions.TryRemove(service.ServiceCode, out _);
            try
            {
                await AttributesAsync(service.ServiceCode, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning("The Open311 definition of service {Code} could not be read: {Error}", service.ServiceCode, ex.Message);
            }
        }
    }
}

/// <summary>Keeps <see cref="Open311Catalog"/> warm, so the dialog can ask the municipality's extra questions.</summary>
[DisallowConcurrentExecution]
public sealed class Open311CatalogJob(IServiceProvider services, ILogger<Open311CatalogJob> log) : IJob
{
    public static readonly JobKey Key = new("open311-catalog", "meldingen");

    public static void Configure(IQuartzBuilder quartz) =>
        quartz.ScheduleJob<Open311CatalogJob>(
            // At start, then every half hour: within the catalog's cache time, so the dialog never finds it empty for long.
            trigger => trigger.WithIdentity("open311-catalog-every-30-minutes", "meldingen").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(30)).RepeatForever()),
            job => job.WithIdentity(Key));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        if (services.GetService(typeof(Open311Catalog)) is not Open311Catalog catalog) return;
        try
        {
            await catalog.RefreshAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("The Open311 services could not be read: {Error}", ex.Message);
        }
    }
}

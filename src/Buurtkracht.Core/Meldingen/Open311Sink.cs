using System.Globalization;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Forwards a melding as a GeoReport v2 service request.</summary>
public sealed class Open311Sink(Open311Client client, MeldingPhotoStore photos, IOptions<MeldingenOptions> options, TimeProvider clock) : IMeldingSink
{
    public const string SinkName = "open311";
    private static readonly TimeSpan ServicesCacheTime = TimeSpan.FromHours(1);
    private IReadOnlyList<Open311Service>? _services;
    private DateTimeOffset _servicesFetchedAt;
    private readonly Dictionary<string, (IReadOnlyList<string> Codes, DateTimeOffset FetchedAt)> _attributes = [];

    public string Name => SinkName;

    public async Task<SinkResult> ForwardAsync(Melding melding, CancellationToken ct)
    {
        var serviceCode = await ServiceCodeAsync(melding, ct);
        if (serviceCode is null)
            return new SinkResult.Failed($"no service_code for category '{melding.Category?.Code}': set Meldingen:Open311:ServiceCodes or DefaultServiceCode");

        var fields = new List<KeyValuePair<string, string>> { new("service_code", serviceCode) };
        if (melding is { Latitude: { } lat, Longitude: { } lon })
        {
            fields.Add(new("lat", lat.ToString("R", CultureInfo.InvariantCulture)));
            fields.Add(new("long", lon.ToString("R", CultureInfo.InvariantCulture)));
        }
        else
        {
            fields.Add(new("address_string", $"{melding.Address}, Alblasserdam"));
        }
        // The reference on every POST, so a melding that arrives twice (a retry after a crash) is recognisable as one.
        fields.Add(new("description", $"Buurtkracht-melding {melding.Reference}\n{melding.Description}"));
        var referenceAttribute = options.Value.Open311.ReferenceAttribute;
        if (!string.IsNullOrEmpty(referenceAttribute) && (await AttributeCodesAsync(serviceCode, ct)).Contains(referenceAttribute))
            fields.Add(new($"attribute[{referenceAttribute}]", melding.Reference));
        if (melding.PhotoPaths.Select(photos.PublicUrl).FirstOrDefault(url => url is not null) is { } mediaUrl)
            fields.Add(new("media_url", mediaUrl));
        if (!melding.Anonymous && melding.ReporterName is { } name)
        {
            var space = name.IndexOf(' ');
            fields.Add(new("first_name", space > 0 ? name[..space] : name));
            if (space > 0) fields.Add(new("last_name", name[(space + 1)..]));
            if (melding.ReporterEmail is { } email) fields.Add(new("email", email));
        }

        var (id, token) = await client.PostRequestAsync(fields, ct);
        return new SinkResult.Forwarded(id, token);
    }

    /// <summary>Configured mapping first, then a service whose service_name equals the category name, then the default.</summary>
    private async Task<string?> ServiceCodeAsync(Melding melding, CancellationToken ct)
    {
        var o = options.Value.Open311;
        if (melding.Category?.Code is { } code && o.ServiceCodes.TryGetValue(code, out var mapped)) return mapped;
        var services = await ServicesAsync(ct);
        var names = new[] { melding.CategoryName, melding.Category?.NameNl, melding.Category?.NameEn }.OfType<string>();
        return services.FirstOrDefault(s => names.Any(n => string.Equals(s.ServiceName?.Trim(), n, StringComparison.OrdinalIgnoreCase)))?.ServiceCode
            ?? o.DefaultServiceCode;
    }

    private async Task<IReadOnlyList<Open311Service>> ServicesAsync(CancellationToken ct)
    {
        if (_services is null || clock.GetUtcNow() - _servicesFetchedAt > ServicesCacheTime)
        {
            _services = await client.GetServicesAsync(ct);
            _servicesFetchedAt = clock.GetUtcNow();
        }
        return _services;
    }

    /// <summary>The attributes the service definition names; none for a service without metadata.</summary>
    private async Task<IReadOnlyList<string>> AttributeCodesAsync(string serviceCode, CancellationToken ct)
    {
        if (_attributes.TryGetValue(serviceCode, out var cached) && clock.GetUtcNow() - cached.FetchedAt <= ServicesCacheTime) return cached.Codes;
        var hasMetadata = (await ServicesAsync(ct)).Any(s => s.ServiceCode == serviceCode && s.Metadata);
        IReadOnlyList<string> codes = hasMetadata ? await client.GetAttributeCodesAsync(serviceCode, ct) : [];
        _attributes[serviceCode] = (codes, clock.GetUtcNow());
        return codes;
    }
}

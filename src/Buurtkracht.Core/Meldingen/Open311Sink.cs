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
        fields.Add(new("description", melding.Description));
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
        if (_services is null || clock.GetUtcNow() - _servicesFetchedAt > ServicesCacheTime)
        {
            _services = await client.GetServicesAsync(ct);
            _servicesFetchedAt = clock.GetUtcNow();
        }
        var names = new[] { melding.CategoryName, melding.Category?.NameNl, melding.Category?.NameEn }.OfType<string>();
        return _services.FirstOrDefault(s => names.Any(n => string.Equals(s.ServiceName?.Trim(), n, StringComparison.OrdinalIgnoreCase)))?.ServiceCode
            ?? o.DefaultServiceCode;
    }
}

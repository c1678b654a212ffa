using System.Globalization;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Forwards a melding as a GeoReport v2 service request.</summary>
public sealed class Open311Sink(Open311Client client, Open311Catalog catalog, MeldingPhotoStore photos, IOptions<MeldingenOptions> options) : IMeldingSink
{
    public const string SinkName = "open311";

    public string Name => SinkName;

    public async Task<SinkResult> ForwardAsync(Melding melding, CancellationToken ct)
    {
        var serviceCode = await catalog.ServiceCodeAsync(melding.Category, melding.CategoryName, ct);
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
        var definition = await catalog.AttributesAsync(serviceCode, ct);
        if (!string.IsNullOrEmpty(referenceAttribute) && definition.Any(a => a.Code == referenceAttribute))
            fields.Add(new($"attribute[{referenceAttribute}]", melding.Reference));
        // What the resident answered to the definition's questions; a multivaluelist as attribute[code][] once per key.
        foreach (var answer in melding.Attributes.OrderBy(a => a.Id))
        {
            var multiple = definition.FirstOrDefault(a => a.Code == answer.Code)?.IsMultiple == true;
            foreach (var value in multiple ? answer.Value.Split('\n') : [answer.Value])
                fields.Add(new(multiple ? $"attribute[{answer.Code}][]" : $"attribute[{answer.Code}]", value));
        }
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
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;

namespace Buurtkracht.Core.Meldingen.Places;

/// <summary>
/// The borders of the municipality and its neighbours, from a GeoJSON FeatureCollection whose features carry the
/// municipality's name in "statnaam" (the CBS gebiedsindeling). Shipped: Meldingen/Places/gemeentegrenzen.geojson (its
/// "source" member says where it comes from); Meldingen:BoundaryFile replaces it. Works without any network, so a shared
/// location is checked also while the geocoder is down.
/// </summary>
public sealed class MunicipalityBoundary
{
    private const string ShippedResource = "Meldingen.gemeentegrenzen.geojson";
    private readonly IPreparedGeometry _own;
    private readonly List<(string Name, IPreparedGeometry Area)> _others;

    public MunicipalityBoundary(IOptions<MeldingenOptions> options)
    {
        var municipality = options.Value.Municipality;
        var path = options.Value.BoundaryFile;
        using var stream = string.IsNullOrWhiteSpace(path)
            ? typeof(MunicipalityBoundary).Assembly.GetManifestResourceStream(ShippedResource)
              ?? throw new InvalidOperationException($"The embedded resource {ShippedResource} is missing from the build.")
            : File.OpenRead(path);
        var json = new JsonSerializerOptions();
        json.Converters.Add(new GeoJsonConverterFactory());
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, json)
            ?? throw new InvalidDataException("The boundary file holds no FeatureCollection.");
        var areas = features.Select(f => (Name: f.Attributes?.GetOptionalValue("statnaam") as string ?? "", Area: f.Geometry))
            .Where(a => a.Name.Length > 0 && a.Area is Polygon or MultiPolygon).ToList();
        var own = areas.Where(a => string.Equals(a.Name, municipality, StringComparison.OrdinalIgnoreCase)).ToList();
        if (own.Count == 0)
            throw new InvalidDataException($"The boundary file has no feature with statnaam '{municipality}' (Meldingen:Municipality).");
        _own = PreparedGeometryFactory.Prepare(own[0].Area);
        _others = areas.Except(own).Select(a => (a.Name, PreparedGeometryFactory.Prepare(a.Area))).ToList();
    }

    /// <summary>Whether the point lies inside the municipality's border.</summary>
    public bool Contains(double latitude, double longitude) => _own.Covers(Point(latitude, longitude));

    /// <summary>The neighbouring municipality in the file that holds the point; null when none does.</summary>
    public string? OtherMunicipalityAt(double latitude, double longitude)
    {
        var point = Point(latitude, longitude);
        return _others.FirstOrDefault(o => o.Area.Covers(point)).Name;
    }

    // GeoJSON is longitude first.
    private static Point Point(double latitude, double longitude) => new(longitude, latitude);
}

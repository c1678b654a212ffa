using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Meldingen.Places;

/// <summary>
/// Geocoder questions a turn needs answered. Like the platform facts they are asked before the turn runs, outside the
/// engine's writer loop, so a slow PDOK costs only the resident who waits for it.
/// </summary>
public abstract record GeocoderQuery(ChannelKind Channel) : PlatformQuery(Channel);

/// <summary>A typed address; answered with an <see cref="AddressSearch"/>.</summary>
public sealed record AddressSearchQuery(ChannelKind Channel, string Text) : GeocoderQuery(Channel);

/// <summary>The address nearest to a point; answered with a <see cref="NearestAddress"/>.</summary>
public sealed record NearestAddressQuery(ChannelKind Channel, double Latitude, double Longitude) : GeocoderQuery(Channel);

/// <summary>The address behind a Locatieserver id; answered with a <see cref="LookedUpAddress"/>.</summary>
public sealed record AddressLookupQuery(ChannelKind Channel, string Id) : GeocoderQuery(Channel);

/// <summary>Street names typed in /koppel, joined by newlines; answered with a <see cref="StreetCheck"/>.</summary>
public sealed record StreetCheckQuery(ChannelKind Channel, string Streets) : GeocoderQuery(Channel);

/// <summary>How the turns ask, and how the fact fetcher answers.</summary>
public static class PlaceFacts
{
    /// <summary>Null when the geocoder could not be reached in time.</summary>
    public static AddressSearch? FindAddress(this TurnPlatform platform, string text) =>
        platform.Fact<AddressSearch>(new AddressSearchQuery(platform.Channel, text));

    public static NearestAddress? NearestAddress(this TurnPlatform platform, double latitude, double longitude) =>
        platform.Fact<NearestAddress>(new NearestAddressQuery(platform.Channel, latitude, longitude));

    public static LookedUpAddress? LookupAddress(this TurnPlatform platform, string id) =>
        platform.Fact<LookedUpAddress>(new AddressLookupQuery(platform.Channel, id));

    public static StreetCheck? CheckStreets(this TurnPlatform platform, IReadOnlyList<string> streets) =>
        platform.Fact<StreetCheck>(new StreetCheckQuery(platform.Channel, string.Join('\n', streets)));

    internal static async Task<object> AnswerAsync(PlaceFinder places, GeocoderQuery query, CancellationToken ct) => query switch
    {
        AddressSearchQuery q => await places.FindAsync(q.Text, ct),
        NearestAddressQuery q => await places.NearestAsync(q.Latitude, q.Longitude, ct),
        AddressLookupQuery q => await places.LookupAsync(q.Id, ct),
        StreetCheckQuery q => await places.CheckStreetsAsync(q.Streets.Split('\n'), ct),
        _ => throw new NotSupportedException(query.GetType().Name),
    };
}

using System.Globalization;
using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen.Places;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// The place steps of /melding: "locatie" (a shared location, checked against the border, or a typed address looked up
/// in the BAG) and "adres" (which of the matches is meant). See docs/meldingen-places.md.
/// </summary>
public sealed partial class MeldingDialog
{
    internal const string PostcodeKey = "postcode";
    internal const string TownKey = "woonplaats";
    internal const string BagIdKey = "bag";
    internal const string AddressToCheckKey = "adrescontrole";
    private const string CandidatesKey = "adreskeuze";
    private const string TypedKey = "getypt";

    /// <summary>Metres within which the nearest address may name the municipality of a point outside the border file.</summary>
    private const double NamingDistance = 500;

    /// <summary>The first step after the place steps.</summary>
    private const string AfterPlaceStep = "omschrijving";

    /// <summary>Telegram has its location button; the web chat the browser's location and a map.</summary>
    private static bool CanShareLocation(TurnContext ctx) => ctx.Message.Chat.Channel is ChannelKind.Telegram or ChannelKind.WebChat;

    private static Task<OutgoingMessage> AskLocationAsync(TurnContext ctx) =>
        Task.FromResult(CanShareLocation(ctx)
            ? ctx.Text(MeldingTexts.AskLocationShare) with { RequestLocationLabel = ctx.T(MeldingTexts.ShareLocationButton) }
            : ctx.Text(MeldingTexts.AskLocationTyped));

    /// <summary>After the place: on, or back to the summary when the place was being changed.</summary>
    private static StepResult AfterPlace(TurnContext ctx) =>
        ctx.Values[EditingKey] == "1" ? StepResult.GoTo("samenvatting") : StepResult.GoTo(AfterPlaceStep);

    private Task<StepResult> AnswerLocationAsync(TurnContext ctx, InboundContent answer) => answer switch
    {
        LocationContent location => Task.FromResult(AnswerSharedLocation(ctx, location)),
        TextContent text => Task.FromResult(AnswerTypedAddress(ctx, text.Text.Trim())),
        _ => Task.FromResult(StepResult.Retry(CanShareLocation(ctx) ? MeldingTexts.LocationExpected : MeldingTexts.LocationExpectedTyped)),
    };

    /// <summary>
    /// Inside the border (checked offline, so also while the geocoder is down) it is taken, with the nearest address when
    /// the geocoder knows one; outside it is refused with the name of the municipality it is in, when that is known.
    /// </summary>
    private StepResult AnswerSharedLocation(TurnContext ctx, LocationContent location)
    {
        var (lat, lon) = (location.Latitude, location.Longitude);
        var ours = _options.Municipality;
        if (!_boundary.Contains(lat, lon))
        {
            // The nearest address names the municipality only when it is near: far out at sea or abroad it says nothing.
            var other = _boundary.OtherMunicipalityAt(lat, lon)
                ?? (ctx.Platform.NearestAddress(lat, lon) is { Address: { } near, Metres: < NamingDistance } ? near.Municipality : null);
            return other is null || string.Equals(other, ours, StringComparison.OrdinalIgnoreCase)
                ? StepResult.Retry(MeldingTexts.OutsideMunicipality, ours)
                : StepResult.Retry(MeldingTexts.InOtherMunicipality, other, ours);
        }
        var nearest = ctx.Platform.NearestAddress(lat, lon)?.Address;
        if (nearest is null) _log.LogInformation("No nearest address for a shared melding location (geocoder unreachable or nothing near)");
        SetPlace(ctx, nearest is not null && string.Equals(nearest.Municipality, ours, StringComparison.OrdinalIgnoreCase) ? nearest : null, lat, lon);
        return AfterPlace(ctx);
    }

    private StepResult AnswerTypedAddress(TurnContext ctx, string typed)
    {
        if (TypedAddress.Parse(typed) is not { } parsed) return StepResult.Retry(MeldingTexts.NoHouseNumber);
        var ours = _options.Municipality;
        switch (ctx.Platform.FindAddress(typed))
        {
            case null:
                // Never refused because the geocoder is away: kept as typed, checked again before it is forwarded.
                ClearPlace(ctx);
                // As typed (town and all), so the second look has what the resident wrote.
                ctx.Values[AddressKey] = typed.Length > 200 ? typed[..200] : typed;
                ctx.Values[StreetKey] = parsed.Street;
                ctx.Values[AddressToCheckKey] = "1";
                ctx.Say(MeldingTexts.AddressKeptToCheck);
                return AfterPlace(ctx);
            case AddressSearch.Elsewhere elsewhere:
                return StepResult.Retry(MeldingTexts.AddressInOtherMunicipality, elsewhere.Municipality, ours);
            case AddressSearch.Found found:
                ctx.Values[CandidatesKey] = JsonSerializer.Serialize(found.Matches.Take(PlaceFinder.MaxMatches).ToList());
                ctx.Values[TypedKey] = typed;
                return StepResult.Next;
            default:
                return StepResult.Retry(MeldingTexts.AddressNotFound, ours);
        }
    }

    private static List<Suggestion> Candidates(TurnContext ctx) =>
        ctx.Values[CandidatesKey] is { } json ? JsonSerializer.Deserialize<List<Suggestion>>(json) ?? [] : [];

    private static Task<OutgoingMessage> AskAddressAsync(TurnContext ctx)
    {
        var candidates = Candidates(ctx);
        var other = ctx.Choice(MeldingTexts.NoOther, "adres:anders");
        return Task.FromResult(candidates.Count == 1
            ? ctx.Question(MeldingTexts.ConfirmAddress, [ctx.Choice(MeldingTexts.YesThatOne, "adres:0"), other], 2, candidates[0].Label)
            : ctx.Question(MeldingTexts.ChooseAddress, candidates.Select((c, i) => new Choice(c.Label, $"adres:{i}")).Append(other), 1));
    }

    private static Task<StepResult> AnswerAddressAsync(TurnContext ctx, InboundContent answer)
    {
        var candidates = Candidates(ctx);
        if (answer is ChoiceContent { Data: "adres:anders" })
        {
            ctx.Values[CandidatesKey] = null;
            return Task.FromResult(StepResult.GoTo("locatie"));
        }
        if (answer is not ChoiceContent { Data: var data } || !data.StartsWith("adres:", StringComparison.Ordinal)
            || !int.TryParse(data["adres:".Length..], out var index) || index < 0 || index >= candidates.Count)
            return Task.FromResult(StepResult.Retry(ConversationTexts.UseTheButtons));
        var chosen = candidates[index];
        switch (ctx.Platform.LookupAddress(chosen.Id))
        {
            case { Address: { } address }:
                var typed = ctx.Values[TypedKey];
                SetPlace(ctx, address, address.Latitude, address.Longitude);
                ctx.Values[TypedKey] = typed;
                break;
            case null:
                // Found a moment ago, unreachable now: the chosen address as shown, checked again before forwarding.
                var parsed = TypedAddress.Parse(chosen.DisplayName.Split(',')[0]);
                ClearPlace(ctx);
                ctx.Values[AddressKey] = chosen.DisplayName;
                ctx.Values[StreetKey] = parsed?.Street;
                ctx.Values[AddressToCheckKey] = "1";
                break;
            default:
                ctx.Values[CandidatesKey] = null;
                return Task.FromResult(StepResult.GoTo("locatie"));
        }
        ctx.Values[CandidatesKey] = null;
        return Task.FromResult(AfterPlace(ctx));
    }

    private static void SetPlace(TurnContext ctx, BagAddress? address, double latitude, double longitude)
    {
        ClearPlace(ctx);
        ctx.Values[LatitudeKey] = latitude.ToString("R", CultureInfo.InvariantCulture);
        ctx.Values[LongitudeKey] = longitude.ToString("R", CultureInfo.InvariantCulture);
        if (address is null) return;
        ctx.Values[AddressKey] = address.ShortName;
        ctx.Values[StreetKey] = address.Street;
        ctx.Values[PostcodeKey] = address.Postcode;
        ctx.Values[TownKey] = address.Town;
        ctx.Values[BagIdKey] = address.Id;
    }

    private static void ClearPlace(TurnContext ctx)
    {
        foreach (var key in new[] { LatitudeKey, LongitudeKey, AddressKey, StreetKey, PostcodeKey, TownKey, BagIdKey, AddressToCheckKey, TypedKey })
            ctx.Values[key] = null;
    }

    /// <summary>"Kerkstraat 12, 2951 AB Alblasserdam", "bij Kerkstraat 12, … (gedeelde locatie)", the typed address, or the point.</summary>
    private static string PlaceLine(TurnContext ctx)
    {
        var v = ctx.Values;
        if (v[AddressKey] is { } address && v[TownKey] is { } town)
        {
            var full = BagAddress.Format(address, v[PostcodeKey], town);
            return v[TypedKey] is null ? ctx.T(MeldingTexts.NearAddress, full) : full;
        }
        if (v[AddressKey] is { } typed) return typed;
        return ctx.T(MeldingTexts.SharedLocation,
            double.Parse(v[LatitudeKey]!, CultureInfo.InvariantCulture), double.Parse(v[LongitudeKey]!, CultureInfo.InvariantCulture));
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen;

/// <summary>A small typed client for GeoReport v2: services.json, requests.json, requests/{id}.json and tokens/{token}.json.</summary>
public sealed class Open311Client(IHttpClientFactory httpClients, IOptions<MeldingenOptions> options)
{
    public const string HttpClientName = "open311";

    private Open311Options Options => options.Value.Open311;

    private HttpClient Http() => httpClients.CreateClient(HttpClientName);

    private Uri Url(string relative, bool withApiKey = false)
    {
        var endpoint = Options.Endpoint!.EndsWith('/') ? Options.Endpoint : Options.Endpoint + "/";
        var query = new List<string>();
        if (!string.IsNullOrEmpty(Options.JurisdictionId)) query.Add("jurisdiction_id=" + Uri.EscapeDataString(Options.JurisdictionId));
        if (withApiKey && !string.IsNullOrEmpty(Options.ApiKey)) query.Add("api_key=" + Uri.EscapeDataString(Options.ApiKey));
        return new Uri(new Uri(endpoint), relative + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    public async Task<IReadOnlyList<Open311Service>> GetServicesAsync(CancellationToken ct)
    {
        using var response = await Http().GetAsync(Url("services.json"), ct);
        await EnsureSuccessAsync(response, "services.json", ct);
        return await response.Content.ReadFromJsonAsync<List<Open311Service>>(ct) ?? [];
    }

    /// <summary>The attributes of a service's definition (services/{code}.json), for services with metadata: true.</summary>
    public async Task<IReadOnlyList<Open311Attribute>> GetAttributesAsync(string serviceCode, CancellationToken ct)
    {
        using var response = await Http().GetAsync(Url($"services/{Uri.EscapeDataString(serviceCode)}.json"), ct);
        await EnsureSuccessAsync(response, "services/{code}.json", ct);
        var definition = await response.Content.ReadFromJsonAsync<Open311ServiceDefinition>(ct);
        return definition?.Attributes?.Where(a => a.Code is not null).ToList() ?? [];
    }

    /// <summary>POSTs requests.json form-encoded; the answer carries a service_request_id, or only a token.</summary>
    public async Task<(string? Id, string? Token)> PostRequestAsync(IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(Options.ApiKey)) form.Add(new("api_key", Options.ApiKey));
        if (!string.IsNullOrEmpty(Options.JurisdictionId)) form.Add(new("jurisdiction_id", Options.JurisdictionId));
        form.AddRange(fields);
        using var content = new FormUrlEncodedContent(form);
        var endpoint = Options.Endpoint!.EndsWith('/') ? Options.Endpoint : Options.Endpoint + "/";
        using var response = await Http().PostAsync(new Uri(new Uri(endpoint), "requests.json"), content, ct);
        await EnsureSuccessAsync(response, "requests.json", ct);
        var answer = (await response.Content.ReadFromJsonAsync<List<Open311Request>>(ct))?.FirstOrDefault()
            ?? throw new Open311Exception("requests.json answered with an empty list");
        if (answer.ServiceRequestId is null && answer.Token is null)
            throw new Open311Exception("requests.json answered without service_request_id or token");
        return (answer.ServiceRequestId, answer.Token);
    }

    public async Task<Open311Request?> GetRequestAsync(string serviceRequestId, CancellationToken ct)
    {
        using var response = await Http().GetAsync(Url($"requests/{Uri.EscapeDataString(serviceRequestId)}.json", withApiKey: true), ct);
        await EnsureSuccessAsync(response, "requests/{id}.json", ct);
        return (await response.Content.ReadFromJsonAsync<List<Open311Request>>(ct))?.FirstOrDefault();
    }

    /// <summary>The service_request_id behind a token, or null while the server has not assigned one yet.</summary>
    public async Task<string?> ResolveTokenAsync(string token, CancellationToken ct)
    {
        using var response = await Http().GetAsync(Url($"tokens/{Uri.EscapeDataString(token)}.json", withApiKey: true), ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, "tokens/{token}.json", ct);
        return (await response.Content.ReadFromJsonAsync<List<Open311Request>>(ct))?.FirstOrDefault()?.ServiceRequestId;
    }

    /// <summary>
    /// Fails with the status and the GeoReport error codes only: an error's description may echo what was posted (the
    /// resident's name, e-mail, phone number in the description), and this message goes into logs and LastError.
    /// </summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var codes = ErrorCodes(await response.Content.ReadAsStringAsync(ct));
        throw new Open311Exception($"{what}: HTTP {(int)response.StatusCode}" + (codes.Count > 0 ? $" (error code {string.Join(", ", codes)})" : ""));
    }

    /// <summary>The codes of a GeoReport v2 error array <c>[{"code": 400, "description": "…"}]</c>; none for any other body.</summary>
    internal static List<string> ErrorCodes(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonArray errors) return [];
            return errors.OfType<JsonObject>()
                .Select(e => e["code"] is JsonValue code ? code.ToString() : null)
                // A code is a number or a short token; anything else is not quoted.
                .OfType<string>().Where(c => c.Length <= 32 && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'))
                .Distinct().Take(5).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

public sealed class Open311Exception(string message) : Exception(message);

public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string? ServiceName,
    [property: JsonPropertyName("metadata")] bool Metadata = false);

public sealed record Open311ServiceDefinition(
    [property: JsonPropertyName("service_code")] string? ServiceCode,
    [property: JsonPropertyName("attributes")] IReadOnlyList<Open311Attribute>? Attributes);

public sealed record Open311Request(
    [property: JsonPropertyName("service_request_id")] string? ServiceRequestId,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("status_notes")] string? StatusNotes);

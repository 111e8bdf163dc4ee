using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace AiSpm.Connectors.Graph;

/// <summary>
/// Reads Microsoft Graph answers as JSON, unchanged, through a <see cref="GraphServiceClient"/>'s request adapter (its
/// authentication, retry and redirect handlers): for beta endpoints the SDK has no models for, and for objects read
/// as Graph documents them rather than through the models and back.
/// </summary>
internal sealed class GraphRawReader(GraphServiceClient client)
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    /// <summary>Requests sent so far.</summary>
    public int Calls { get; private set; }

    /// <summary>GETs a path under the Graph root (<c>beta/…</c>, <c>v1.0/…</c>) or an absolute URL (a next link).</summary>
    /// <exception cref="ApiException">Graph answered an error (its status in <see cref="ApiException.ResponseStatusCode"/>).</exception>
    /// <exception cref="HttpRequestException">The request failed, or its answer was cut short or was not JSON.</exception>
    public async Task<JsonElement> GetAsync(string pathOrUrl, CancellationToken cancellationToken)
    {
        var uri = Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(GraphRoot() + pathOrUrl);
        var request = new RequestInformation { HttpMethod = Method.GET, URI = uri };
        request.Headers.Add("Accept", "application/json");
        Calls++;
        var stream = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"Microsoft Graph answered {pathOrUrl} without a body.");
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return document.RootElement.Clone();
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                // The connection dropped while the body was read, or what came was not JSON: a failed request like any
                // other, whatever the transport happened to report (a reset, a premature end, a cut-off document).
                throw new HttpRequestException($"Microsoft Graph's answer to {uri.AbsolutePath} could not be read: {ex.Message}", ex);
            }
        }
    }

    /// <summary>GETs a collection and every page after it (<c>@odata.nextLink</c>); the items of <c>value</c>.</summary>
    public async Task<List<JsonElement>> ListAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? next = path;
        while (next is not null)
        {
            var document = await GetAsync(next, cancellationToken).ConfigureAwait(false);
            if (document.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                items.AddRange(value.EnumerateArray().Select(v => v.Clone()));
            }

            next = document.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }

        return items;
    }

    /// <summary>The Graph root (without the version) from the client's v1.0 base URL.</summary>
    private string GraphRoot()
    {
        var baseUrl = (client.RequestAdapter.BaseUrl ?? "https://graph.microsoft.com/v1.0").TrimEnd('/');
        var slash = baseUrl.LastIndexOf('/');
        return baseUrl[..(slash + 1)];
    }
}

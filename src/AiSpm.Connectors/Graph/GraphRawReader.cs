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
        using var document = await SendAsync(Get(pathOrUrl), cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    /// <summary>GETs a collection and every page after it (<c>@odata.nextLink</c>); the items of <c>value</c>.</summary>
    public async Task<List<JsonElement>> ListAsync(string path, CancellationToken cancellationToken)
    {
        var items = new GraphObjectArray();
        await ListIntoAsync(Get(path), items, cancellationToken).ConfigureAwait(false);
        return [.. items.ToElement().EnumerateArray()];
    }

    /// <summary>GETs a collection by its path under the Graph root or its absolute URL (a next link), as <see cref="ListIntoAsync(RequestInformation, GraphObjectArray, CancellationToken)"/>.</summary>
    /// <returns>How many pages were read.</returns>
    public Task<int> ListIntoAsync(string pathOrUrl, GraphObjectArray items, CancellationToken cancellationToken) => ListIntoAsync(Get(pathOrUrl), items, cancellationToken);

    /// <summary>
    /// Sends <paramref name="first"/> (built by the SDK's request builders: its path, <c>$select</c>, <c>$top</c>) and
    /// every page after it, and appends the items of each page's <c>value</c> to <paramref name="items"/> as Graph wrote
    /// them. Each page is parsed once and released before the next is requested.
    /// </summary>
    /// <returns>How many pages were read.</returns>
    public Task<int> ListIntoAsync(RequestInformation first, GraphObjectArray items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return ListPagesAsync(first, value => CopyItems(value, items), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="first"/> and every page after it, and hands each page's <c>value</c> array to
    /// <paramref name="page"/> while that page is parsed; the element is not valid after the call. One page at a time
    /// is held, however long the collection.
    /// </summary>
    /// <returns>How many pages were read.</returns>
    public async Task<int> ListPagesAsync(RequestInformation first, Action<JsonElement> page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(page);
        var pages = 0;
        for (var request = first; request is not null; pages++)
        {
            using var document = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (ValueOf(document.RootElement) is { } value)
            {
                page(value);
            }

            request = NextLinkOf(document.RootElement) is { } next ? Get(next) : null;
        }

        return pages;
    }

    /// <summary>
    /// Appends the items of one page (<c>value</c>) to <paramref name="items"/> as they were written, and returns its
    /// <c>@odata.nextLink</c>, if any.
    /// </summary>
    public static string? CopyPage(JsonElement page, GraphObjectArray items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (ValueOf(page) is { } value)
        {
            CopyItems(value, items);
        }

        return NextLinkOf(page);
    }

    /// <summary>Parses an answer's body; a body cut short or not JSON is a failed request like any other.</summary>
    /// <exception cref="HttpRequestException">The body could not be read as JSON.</exception>
    public static async Task<JsonDocument> ParseAsync(Stream body, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            // The connection dropped while the body was read, or what came was not JSON: a failed request like any
            // other, whatever the transport happened to report (a reset, a premature end, a cut-off document).
            throw new HttpRequestException($"Microsoft Graph's answer to {what} could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>A page's <c>value</c> array, or null when the page has none.</summary>
    private static JsonElement? ValueOf(JsonElement page) =>
        page.ValueKind == JsonValueKind.Object && page.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    /// <summary>A page's <c>@odata.nextLink</c>, or null on the last page.</summary>
    private static string? NextLinkOf(JsonElement page) =>
        page.ValueKind == JsonValueKind.Object && page.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;

    private static void CopyItems(JsonElement value, GraphObjectArray items)
    {
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item);
        }
    }

    private async Task<JsonDocument> SendAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        request.Headers.TryAdd("Accept", "application/json");
        Calls++;
        var stream = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"Microsoft Graph answered {request.URI.AbsolutePath} without a body.");
        await using (stream.ConfigureAwait(false))
        {
            return await ParseAsync(stream, request.URI.AbsolutePath, cancellationToken).ConfigureAwait(false);
        }
    }

    private RequestInformation Get(string pathOrUrl) => new()
    {
        HttpMethod = Method.GET,
        URI = Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(GraphRoot() + pathOrUrl),
    };

    /// <summary>The Graph root (without the version) from the client's v1.0 base URL.</summary>
    private string GraphRoot()
    {
        var baseUrl = (client.RequestAdapter.BaseUrl ?? "https://graph.microsoft.com/v1.0").TrimEnd('/');
        var slash = baseUrl.LastIndexOf('/');
        return baseUrl[..(slash + 1)];
    }
}

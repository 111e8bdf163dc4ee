using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Emulator.Hosting;

/// <summary>
/// One request as a service handler sees it: method, path, decoded query and JSON body. Built from an HTTP request,
/// or from one entry of a Microsoft Graph <c>$batch</c>.
/// </summary>
internal sealed class EmulatorRequest
{
    public EmulatorRequest(string method, string path, IReadOnlyDictionary<string, string> query, JsonNode? body, Uri baseUri, string? user = null)
    {
        User = user;
        Method = method.ToUpperInvariant();
        Path = path;
        Query = query;
        Body = body;
        BaseUri = baseUri;
    }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    /// <summary>The decoded path, starting with '/'.</summary>
    public string Path { get; }

    /// <summary>Query parameters, names compared case-insensitively (last value wins).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The parsed JSON body, when there was one.</summary>
    public JsonNode? Body { get; }

    /// <summary>The signed-in user a delegated token stands for, or null for an app-only token (see <see cref="EmulatorCredential.ForUser"/>).</summary>
    public string? User { get; }

    /// <summary>The emulator's base address (scheme, host and port), used to build next links.</summary>
    public Uri BaseUri { get; }

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public static Dictionary<string, string> ParseQuery(string? queryString)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(queryString))
        {
            return result;
        }

        foreach (var pair in queryString.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result[Uri.UnescapeDataString(name.Replace('+', ' '))] = Uri.UnescapeDataString(value.Replace('+', ' '));
        }

        return result;
    }

    public static string BuildQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var parts = parameters.Select(p => Uri.EscapeDataString(p.Key).Replace("%24", "$", StringComparison.Ordinal) + "=" + Uri.EscapeDataString(p.Value));
        return string.Join('&', parts);
    }

    public static async Task<EmulatorRequest> FromHttpAsync(HttpContext context, Uri baseUri)
    {
        JsonNode? body = null;
        // Read the body of every method that may carry one: HTTP/2 requests need neither Content-Length nor Transfer-Encoding.
        if (context.Request.ContentLength is > 0 || (context.Request.ContentLength is null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)))
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            if (!string.IsNullOrWhiteSpace(text))
            {
                body = JsonNode.Parse(text);
            }
        }

        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
        var authorization = context.Request.Headers.Authorization.ToString();
        var user = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? EmulatorCredential.UserOf(authorization["Bearer ".Length..].Trim()) : null;
        return new EmulatorRequest(context.Request.Method, path, ParseQuery(context.Request.QueryString.Value), body, baseUri, user);
    }
}

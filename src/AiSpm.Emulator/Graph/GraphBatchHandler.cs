using System.Text.Json.Nodes;
using AiSpm.Emulator.Hosting;

namespace AiSpm.Emulator.Graph;

/// <summary>
/// Microsoft Graph JSON batching: <c>POST /{version}/$batch</c> with at most 20 requests, each served (and charged) on its own;
/// the answer carries each request's id, status, headers and body, so a throttled entry answers 429 inside a 200 batch.
/// <c>dependsOn</c> is accepted and ignored (requests run in the given order).
/// </summary>
internal sealed class GraphBatchHandler(GraphRequestHandler graph)
{
    private const int MaxRequests = 20;

    public EmulatorResponse Handle(EmulatorRequest request, string version)
    {
        if ((request.Body as JsonObject)?["requests"] is not JsonArray requests)
        {
            return graph.Error(400, "BadRequest", "Invalid batch payload format: expected {\"requests\": [...]}.");
        }

        if (requests.Count > MaxRequests)
        {
            return graph.Error(400, "BadRequest", $"Number of batch request steps exceeds the maximum of {MaxRequests}.");
        }

        var responses = new JsonArray();
        foreach (var entry in requests)
        {
            responses.Add(Serve(entry as JsonObject, request, version));
        }

        return EmulatorResponse.Ok(new JsonObject { ["responses"] = responses });
    }

    private JsonObject Serve(JsonObject? entry, EmulatorRequest batch, string version)
    {
        var id = entry?["id"]?.ToString() ?? string.Empty;
        var method = entry?["method"]?.GetValue<string>();
        var url = entry?["url"]?.GetValue<string>();
        EmulatorResponse response;
        if (method is null || url is null)
        {
            response = graph.Error(400, "BadRequest", "Each batch request needs an id, a method and a url.");
        }
        else
        {
            var relative = url.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(url, UriKind.Absolute, out var absolute)
                ? absolute.PathAndQuery
                : "/" + version + "/" + url.TrimStart('/');
            var question = relative.IndexOf('?', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(question < 0 ? relative : relative[..question]);
            var query = EmulatorRequest.ParseQuery(question < 0 ? null : relative[(question + 1)..]);
            response = graph.HandleCharged(new EmulatorRequest(method, path, query, entry!["body"]?.DeepClone(), batch.BaseUri, batch.User));
        }

        var headers = new JsonObject();
        if (response.Body is not null)
        {
            headers["Content-Type"] = "application/json; charset=utf-8";
        }

        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        var result = new JsonObject { ["id"] = id, ["status"] = response.Status, ["headers"] = headers };
        if (response.Body is not null)
        {
            result["body"] = response.Body.DeepClone();
        }

        return result;
    }
}

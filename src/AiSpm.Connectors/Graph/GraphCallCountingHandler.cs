using AiSpm.Connectors.Diagnostics;

namespace AiSpm.Connectors.Graph;

/// <summary>
/// Counts every request to Microsoft Graph on AiSpm's meter (<c>aispm.api.calls</c>, service <c>graph</c>, kind
/// <c>graph-batch</c> or <c>graph-read</c>) and every 429 answer (<c>aispm.api.throttles</c>). Entries throttled inside
/// a <c>$batch</c> answer are the collector's to count; this handler sees only whole requests.
/// </summary>
public sealed class GraphCallCountingHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.OrdinalIgnoreCase) == true ? "graph-batch" : "graph-read";
        AiSpmTelemetry.ApiCalls.Add(1, new KeyValuePair<string, object?>("service", "graph"), new KeyValuePair<string, object?>("kind", kind));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 429)
        {
            AiSpmTelemetry.ApiThrottles.Add(1, new KeyValuePair<string, object?>("service", "graph"));
        }

        return response;
    }
}

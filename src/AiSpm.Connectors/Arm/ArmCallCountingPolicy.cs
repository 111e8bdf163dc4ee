using Azure.Core;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Arm;

/// <summary>Counts each attempt by kind: <c>resourcegraph</c>, <c>arm-read</c> (GET), <c>arm-action</c> (POST), <c>search-dataplane</c> or <c>blob-dataplane</c>, plus <c>throttled</c> for 429s.</summary>
internal sealed class ArmCallCountingPolicy(ApiCallCounter counter, string? kind = null) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
        CountThrottle(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        CountThrottle(message);
    }

    private static string ServiceOf(string kind) => kind switch
    {
        ApiCallKinds.ResourceGraph => "resourcegraph",
        ApiCallKinds.SearchDataPlane => "search",
        ApiCallKinds.BlobDataPlane => "blob",
        _ => "arm",
    };

    private void Count(HttpMessage message)
    {
        var kind = KindOf(message);
        counter.Add(kind);
        Diagnostics.AiSpmTelemetry.ApiCalls.Add(1, new KeyValuePair<string, object?>("service", ServiceOf(kind)), new KeyValuePair<string, object?>("kind", kind));
    }

    private void CountThrottle(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status == 429)
        {
            counter.Add(ApiCallKinds.Throttled);
            Diagnostics.AiSpmTelemetry.ApiThrottles.Add(1, new KeyValuePair<string, object?>("service", ServiceOf(KindOf(message))));
        }
    }

    private string KindOf(HttpMessage message) => kind ??
        ((message.Request.Uri.Host ?? string.Empty).EndsWith(".search.windows.net", StringComparison.OrdinalIgnoreCase) ? ApiCallKinds.SearchDataPlane
        : (message.Request.Uri.Host ?? string.Empty).Contains(".blob.", StringComparison.OrdinalIgnoreCase) ? ApiCallKinds.BlobDataPlane
        : message.Request.Uri.Path.Contains("/providers/Microsoft.ResourceGraph/", StringComparison.OrdinalIgnoreCase) ? ApiCallKinds.ResourceGraph
        : message.Request.Method == RequestMethod.Get ? ApiCallKinds.ArmRead
        : ApiCallKinds.ArmAction);
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.Arm;

/// <summary>Counts each attempt by kind: <c>resourcegraph</c>, <c>arm-read</c> (GET) or <c>arm-action</c> (POST), plus <c>throttled</c> for 429s.</summary>
internal sealed class ArmCallCountingPolicy(ApiCallCounter counter) : HttpPipelinePolicy
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

    private static string ServiceOf(string kind) => kind == ApiCallKinds.ResourceGraph ? "resourcegraph" : "arm";

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

    private static string KindOf(HttpMessage message) =>
        message.Request.Uri.Path.Contains("/providers/Microsoft.ResourceGraph/", StringComparison.OrdinalIgnoreCase) ? ApiCallKinds.ResourceGraph
        : message.Request.Method == RequestMethod.Get ? ApiCallKinds.ArmRead
        : ApiCallKinds.ArmAction;
}

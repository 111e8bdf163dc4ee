using System.Text.Json.Serialization;

namespace AiSpm.Application.Http;

/// <summary>What a custom handler answers the host: outputs by binding name, log lines, and a return value.</summary>
public sealed class InvocationResponse
{
    /// <summary>Output binding values (<c>res</c> for HTTP).</summary>
    public Dictionary<string, object?> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines the host writes as invocation logs.</summary>
    public List<string> Logs { get; } = [];

    /// <summary>The <c>$return</c> binding value.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? ReturnValue { get; set; }
}

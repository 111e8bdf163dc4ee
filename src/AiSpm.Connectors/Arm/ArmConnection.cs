using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace AiSpm.Connectors.Arm;

/// <summary>
/// How to reach Azure Resource Manager (and Resource Graph, which lives on the same endpoint): the endpoint, the
/// token audience, a credential and pipeline options (retries honour Retry-After; transport can be replaced, e.g.
/// to trust the tenant emulator's certificate).
/// </summary>
public sealed class ArmConnection
{
    /// <summary>The public cloud's Resource Manager endpoint.</summary>
    public static readonly Uri PublicCloud = new("https://management.azure.com/");

    /// <summary>Creates a connection.</summary>
    public ArmConnection(TokenCredential credential, Uri? endpoint = null, string? audience = null, ArmPipelineOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Endpoint = endpoint ?? PublicCloud;
        if (Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The Resource Manager endpoint must be https (bearer tokens are never sent over http); got '{Endpoint}'.", nameof(endpoint));
        }

        var scope = (audience ?? PublicCloud.AbsoluteUri).TrimEnd('/') + "/.default";
        Credential = credential;
        Options = options ?? new ArmPipelineOptions();
        Pipeline = HttpPipelineBuilder.Build(
            Options,
            [],
            [new BearerTokenAuthenticationPolicy(credential, scope), new ArmCallCountingPolicy(Calls)],
            new ResponseClassifier());
        Logger = logger;
    }

    /// <summary>The Resource Manager endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>The credential (data-plane readers of the same installation use it with their own audience).</summary>
    public TokenCredential Credential { get; }

    /// <summary>The pipeline options (retries, transport), shared with the data-plane readers.</summary>
    public ArmPipelineOptions Options { get; }

    /// <summary>
    /// A pipeline to a data plane (AI Search, Blob storage) with the same credential, options and call counter, and
    /// tokens for <paramref name="scope"/>.
    /// </summary>
    public HttpPipeline DataPlanePipeline(string scope) => HttpPipelineBuilder.Build(
        Options,
        [],
        [new BearerTokenAuthenticationPolicy(Credential, scope), new ArmCallCountingPolicy(Calls)],
        new ResponseClassifier());

    /// <summary>A policy that counts each attempt through another client (a Blob service client) under <paramref name="kind"/> in <see cref="Calls"/>.</summary>
    public HttpPipelinePolicy CountingPolicy(string kind) => new ArmCallCountingPolicy(Calls, kind);

    /// <summary>The pipeline requests are sent through.</summary>
    public HttpPipeline Pipeline { get; }

    /// <summary>Calls sent through this connection, by kind (every attempt counts, retries included).</summary>
    public ApiCallCounter Calls { get; } = new();

    /// <summary>Logger for collectors using this connection.</summary>
    public ILogger? Logger { get; }
}

using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AiSpm.Emulator.Tests;

/// <summary>A plain Azure.Core pipeline (retries honouring Retry-After, bearer token policy) pointed at an emulator.</summary>
internal sealed class RawPipeline
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _baseUri;

    public RawPipeline(EmulatorServer server, string scope = "https://management.azure.com/.default", int maxRetries = 3, Azure.Core.TokenCredential? credential = null)
    {
        _baseUri = server.BaseUri;
        var options = new PipelineOptions { Transport = new HttpClientTransport(server.CreateHandler()) };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential ?? server.Credential, scope));
    }

    public async Task<(Response Response, JsonNode? Body)> SendAsync(RequestMethod method, string pathAndQuery, JsonNode? body = null)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_baseUri, pathAndQuery));
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }

        await _pipeline.SendAsync(message, CancellationToken.None);
        var response = message.Response;
        var text = response.Content.ToString();
        return (response, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    private sealed class PipelineOptions : ClientOptions;
}

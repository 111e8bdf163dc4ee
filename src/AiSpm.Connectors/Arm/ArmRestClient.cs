using System.Text.Json;
using Azure;
using Azure.Core;

namespace AiSpm.Connectors.Arm;

/// <summary>Plain Resource Manager reads and actions on any resource id, following <c>nextLink</c> on lists.</summary>
public sealed class ArmRestClient(ArmConnection connection)
{
    /// <summary>Lists a collection (<c>{id}/deployments</c>, <c>/subscriptions</c>, …) and streams every item.</summary>
    public async IAsyncEnumerable<JsonElement> ListAsync(string path, string apiVersion, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri? next = new(connection.Endpoint, $"{path.TrimStart('/')}?api-version={apiVersion}");
        while (next is not null)
        {
            using var document = await SendAsync(RequestMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    yield return item.Clone();
                }
            }

            next = document.RootElement.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(link.GetString())
                ? new Uri(link.GetString()!)
                : null;
        }
    }

    /// <summary>Reads one resource.</summary>
    public async Task<JsonElement> GetAsync(string id, string apiVersion, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(RequestMethod.Get, new Uri(connection.Endpoint, $"{id.TrimStart('/')}?api-version={apiVersion}"), null, cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    /// <summary>Posts an action (<c>listKeys</c>, <c>regenerateKey</c>, …) and returns its JSON answer.</summary>
    public async Task<JsonElement> PostActionAsync(string id, string action, string apiVersion, object? body = null, CancellationToken cancellationToken = default)
    {
        var content = body is null ? null : RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body));
        using var document = await SendAsync(RequestMethod.Post, new Uri(connection.Endpoint, $"{id.TrimStart('/')}/{action}?api-version={apiVersion}"), content, cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    /// <summary>Patches a resource (JSON merge patch of properties, tags, identity, sku) and returns it as updated.</summary>
    public async Task<JsonElement> PatchAsync(string id, string apiVersion, object body, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(RequestMethod.Patch, new Uri(connection.Endpoint, $"{id.TrimStart('/')}?api-version={apiVersion}"),
            RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body)), cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    /// <summary>Puts a resource or a configuration (such as a site's <c>config/appsettings</c>) and returns the answer.</summary>
    public async Task<JsonElement> PutAsync(string id, string apiVersion, object body, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(RequestMethod.Put, new Uri(connection.Endpoint, $"{id.TrimStart('/')}?api-version={apiVersion}"),
            RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body)), cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    private async Task<JsonDocument> SendAsync(RequestMethod method, Uri uri, RequestContent? content, CancellationToken cancellationToken)
    {
        using var message = connection.Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        if (content is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = content;
        }

        await connection.Pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);

        return message.Response.ContentStream is { } stream && message.Response.Headers.ContentLength != 0
            ? await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            : JsonDocument.Parse("{}");
    }
}

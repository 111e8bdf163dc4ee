using System.Text.Json;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Application.Events;

/// <summary>
/// Decides whether an Azure Resource Manager event (Microsoft.Resources.ResourceWriteSuccess, ResourceDeleteSuccess,
/// ResourceActionSuccess, as delivered by a subscription-scoped Event Grid system topic) calls for a targeted re-scan:
/// changes to AI resources (or their children, which map to the parent) and to the places AI keys are pasted into
/// (sites and their app settings, container apps, deployments), never read-only actions (<c>listKeys</c>,
/// <c>config/list</c>, …), and never AiSpm's own calls (its identity's app id or object id in the event's claims).
/// </summary>
public sealed class ResourceChangeFilter(IReadOnlyCollection<string>? ownIdentities = null)
{
    private static readonly string[] EventTypes =
    [
        "Microsoft.Resources.ResourceWriteSuccess",
        "Microsoft.Resources.ResourceDeleteSuccess",
        "Microsoft.Resources.ResourceActionSuccess",
    ];

    private static readonly string[] TopLevelTypes =
    [
        AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.SearchService, AiResourceTypes.BotService,
    ];

    private static readonly string[] ClaimNames =
    [
        "appid", "azp", "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier",
    ];

    private readonly HashSet<string> _own = new(ownIdentities?.Where(i => !string.IsNullOrWhiteSpace(i)) ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>Decides on an event given its type, subject and <c>data</c>.</summary>
    public ResourceChangeDecision Decide(string eventType, string? subject, JsonElement data)
    {
        if (!EventTypes.Contains(eventType, StringComparer.OrdinalIgnoreCase))
        {
            return new(null, $"event type '{eventType}' is not a resource change");
        }

        var resourceUri = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("resourceUri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : subject;
        if (string.IsNullOrWhiteSpace(resourceUri))
        {
            return new(null, "the event names no resource (no data.resourceUri or subject)");
        }

        if (!IsArmResourceId(resourceUri))
        {
            return new(null, $"'{Shorten(resourceUri)}' is not an ARM resource id (/subscriptions/<guid>/resourceGroups/<name>/providers/…, at most {MaxResourceIdLength} characters)");
        }

        var topLevel = AzureAiCollector.TopLevelId(resourceUri);
        var type = topLevel is null ? null : AzureAiCollector.TypeOf(topLevel);
        if (type is null || !TopLevelTypes.Contains(type, StringComparer.Ordinal))
        {
            // Not an AI resource, but perhaps a place AI keys are pasted into: a site's app settings, a container
            // app's environment, a deployment's parameters. A change there is re-scanned for exposed keys at once.
            topLevel = CredentialSourceCollector.SourceOf(resourceUri);
            if (topLevel is null)
            {
                return new(null, $"'{resourceUri}' is neither an AI resource nor a place AI keys are kept (site, container app, deployment)");
            }

            type = AzureAiCollector.TypeOf(topLevel);
        }

        var operation = string.Empty;
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("operationName", out var op) && op.ValueKind != JsonValueKind.Null)
        {
            if (op.ValueKind != JsonValueKind.String)
            {
                return new(null, $"data.operationName is {op.ValueKind}, not a string");
            }

            operation = op.GetString()!;
        }

        if (operation.EndsWith("/read", StringComparison.OrdinalIgnoreCase) || IsListAction(operation))
        {
            return new(null, $"operation '{operation}' does not change configuration");
        }

        if (_own.Count > 0 && Claims(data).Any(_own.Contains))
        {
            return new(null, "the change was made by AiSpm itself");
        }

        return new(topLevel, $"{eventType} {operation} on {type}".Trim());
    }

    /// <summary>A read-only POST such as <c>listKeys</c>, <c>listAdminKeys</c> or <c>config/list</c> (AiSpm's own reads among them).</summary>
    private static bool IsListAction(string operation)
    {
        if (!operation.EndsWith("/action", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var segments = operation.Split('/');
        return segments.Length >= 2 && segments[^2].StartsWith("list", StringComparison.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> Claims(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("claims", out var claims))
        {
            yield break;
        }

        // ARM events carry claims as an object; older payloads as a JSON string holding one.
        if (claims.ValueKind == JsonValueKind.String)
        {
            JsonElement parsed;
            try
            {
                parsed = JsonDocument.Parse(claims.GetString()!).RootElement.Clone();
            }
            catch (JsonException)
            {
                yield break;
            }

            claims = parsed;
        }

        if (claims.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var name in ClaimNames)
        {
            if (claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                yield return value.GetString()!;
            }
        }
    }

    /// <summary>The longest resource id an event may name (ARM's own ids stay far below it).</summary>
    public const int MaxResourceIdLength = 2048;

    /// <summary>True for <c>/subscriptions/&lt;guid&gt;/resourceGroups/&lt;name&gt;/providers/…</c> of a sane length, without control characters.</summary>
    public static bool IsArmResourceId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length > MaxResourceIdLength || id.Any(char.IsControl) || id.Contains("..", StringComparison.Ordinal) || id.Contains('\\'))
        {
            return false;
        }

        var segments = id.Split('/');
        return segments.Length >= 7 && segments[0].Length == 0
            && segments[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) && Guid.TryParseExact(segments[2], "D", out _)
            && segments[3].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase) && segments[4].Length > 0
            && segments[5].Equals("providers", StringComparison.OrdinalIgnoreCase)
            && segments.Skip(6).All(s => s.Length > 0);
    }

    private static string Shorten(string text) => new string(text.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray()) + (text.Length > 120 ? "…" : string.Empty);
}

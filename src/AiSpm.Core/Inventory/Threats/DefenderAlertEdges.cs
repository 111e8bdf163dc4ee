using System.Text.Json;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Inventory.Threats;

/// <summary>
/// Turns rows of Resource Graph's <c>securityresources</c> table — Defender for Cloud alerts
/// (<c>microsoft.security/locations/alerts</c>) of threat protection for AI services (<c>alertType</c> starting
/// <c>AI.</c>: jailbreak attempts, credential theft, sensitive data in responses, …) that are Active or InProgress —
/// into <c>alert</c> edges from the resource the alert names (<c>resourceIdentifiers[].azureResourceId</c>) to the alert.
/// </summary>
public static class DefenderAlertEdges
{
    /// <summary>The Resource Graph query: active AI alerts, their documented properties.</summary>
    public const string Query = "securityresources | where type =~ 'microsoft.security/locations/alerts' | where properties.alertType startswith 'AI.' | where properties.status in~ ('Active', 'InProgress') | project id, properties";

    /// <summary>The edge of <paramref name="row"/>; null when the row lacks a documented property (<paramref name="malformed"/> then says so) or is not an active AI alert.</summary>
    public static GraphEdge? Read(JsonElement row, out bool malformed)
    {
        malformed = false;
        if (row.ValueKind != JsonValueKind.Object
            || !row.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !row.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || Text(properties, "alertType") is not { } alertType || ResourceOf(properties) is not { } resource)
        {
            malformed = true;
            return null;
        }

        if (!alertType.StartsWith("AI.", StringComparison.Ordinal) || Text(properties, "status") is not ("Active" or "InProgress"))
        {
            return null;
        }

        var name = Text(properties, "alertDisplayName") ?? alertType;
        return new GraphEdge(resource, EdgeRelations.Alert, id.GetString()!, name,
            $"Defender for Cloud alert '{name}' ({Text(properties, "severity") ?? "severity unknown"}, {Text(properties, "status")}, since {Text(properties, "startTimeUtc") ?? "an unknown time"}; {alertType})");
    }

    private static string? ResourceOf(JsonElement properties)
    {
        if (properties.TryGetProperty("resourceIdentifiers", out var identifiers) && identifiers.ValueKind == JsonValueKind.Array)
        {
            foreach (var identifier in identifiers.EnumerateArray())
            {
                if (identifier.ValueKind == JsonValueKind.Object && Text(identifier, "azureResourceId") is { } resource)
                {
                    return resource;
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Teams;

namespace AiSpm.Emulator.Hosting;

/// <summary>
/// The emulator's own routes (no token needed): <c>GET /_emulator/stats</c>, <c>GET|POST|DELETE /_emulator/faults</c>,
/// <c>GET /_emulator/teams/{hook}</c> and <c>GET /_emulator/endpoints</c> (where each service listens, so a process of
/// its own can point an installation at it).
/// </summary>
internal sealed class EmulatorControlHandler(RequestStats stats, FaultInjector faults, TeamsWebhookSink teams, Func<JsonObject> endpoints)
{
    internal static readonly JsonSerializerOptions FaultJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public EmulatorResponse Handle(EmulatorRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = segments.Length > 1 ? segments[1].ToLowerInvariant() : string.Empty;
        return (request.Method, route, segments.Length) switch
        {
            ("GET", "stats", 2) => EmulatorResponse.Ok(stats.ToJson()),
            ("GET", "faults", 2) => EmulatorResponse.Ok(FaultsJson()),
            ("POST", "faults", 2) => SetFaults(request.Body),
            ("DELETE", "faults", 2) => ClearFaults(),
            ("GET", "teams", 3) => EmulatorResponse.Ok(teams.ListJson(segments[2])),
            ("GET", "endpoints", 2) => EmulatorResponse.Ok(endpoints()),
            _ => ServiceErrors.Arm(404, "NotFound", "Emulator routes: GET /_emulator/stats, GET|POST|DELETE /_emulator/faults, GET /_emulator/teams/{hook}, GET /_emulator/endpoints."),
        };
    }

    private EmulatorResponse SetFaults(JsonNode? body)
    {
        var rulesNode = body is JsonObject obj ? obj["rules"] : body;
        if (rulesNode is not JsonArray)
        {
            return ServiceErrors.Arm(400, "BadRequest", "Post {\"rules\": [ {\"service\": \"Arm\", \"pathContains\": \"/subscriptions\", \"kind\": \"TooManyRequests\", \"retryAfterSeconds\": 1, \"maxCount\": 1} ]}.");
        }

        try
        {
            faults.Replace(rulesNode.Deserialize<List<FaultRule>>(FaultJson) ?? []);
        }
        catch (JsonException ex)
        {
            return ServiceErrors.Arm(400, "BadRequest", $"Invalid fault rule at {ex.Path}: {ex.Message}");
        }

        return EmulatorResponse.Ok(FaultsJson());
    }

    private EmulatorResponse ClearFaults()
    {
        faults.Replace([]);
        return EmulatorResponse.Ok(FaultsJson());
    }

    private JsonObject FaultsJson() => new() { ["rules"] = JsonSerializer.SerializeToNode(faults.Rules, FaultJson) };
}

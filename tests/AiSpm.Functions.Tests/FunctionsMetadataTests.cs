using AiSpm.Testing;
using System.Reflection;
using System.Text.Json;
using AiSpm.Application.Functions;
using AiSpm.Workflows;
using AiSpm.Workflows.Orchestrations;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Tests;

/// <summary>
/// The contract the Functions host reads from the built app: functions.metadata (every function, its trigger and
/// bindings), extensions.json (the host extensions the bindings need) and host.json. There is no host here to read
/// them, so these tests do.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Metadata = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildOutput(), "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    });

    private static string Root() => RepositoryRoot.Path;

    /// <summary>The Functions app's build output for this test run's configuration (bin/&lt;Configuration&gt;/&lt;tfm&gt;).</summary>
    private static string BuildOutput()
    {
        var parts = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar);
        var bin = Array.LastIndexOf(parts, "bin");
        var output = Path.Combine([Root(), "src", "AiSpm.Functions", .. parts[bin..]]);
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")), $"no functions.metadata in {output}: build src/AiSpm.Functions first");
        return output;
    }

    private static IReadOnlyList<JsonElement> Bindings(string function) =>
        Assert.Contains(function, Metadata.Value).GetProperty("bindings").EnumerateArray().ToList();

    private static JsonElement Trigger(string function, string type) =>
        Assert.Single(Bindings(function), b => b.GetProperty("direction").GetString() == "In" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)) is var trigger
        && trigger.GetProperty("type").GetString() == type ? trigger : throw new Xunit.Sdk.XunitException($"{function} is triggered by {trigger.GetProperty("type")}, not {type}");

    private static bool HasDurableClient(string function) => Bindings(function).Any(b => b.GetProperty("type").GetString() == "durableClient");

    [Fact]
    public void Every_function_class_of_the_app_is_listed_and_nothing_else()
    {
        var declared = typeof(Triggers.ScheduledScan).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order()
            .ToList();

        Assert.Equal(30, declared.Count);
        Assert.Equal(declared, Metadata.Value.Keys.Order().ToList());
    }

    [Fact]
    public void The_worker_asks_the_garbage_collector_to_conserve_memory()
    {
        // A full scan holds a shard's inventory and the directory at once; with ConserveMemory the s-large scan peaks
        // at about 825 MiB instead of over 1 GB (bench/results/durable-s-large.md).
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildOutput(), "AiSpm.Functions.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.GC.ConserveMemory", out var level), "runtimeconfig.json sets no System.GC.ConserveMemory");
        Assert.InRange(level.GetInt32(), 1, 9);
    }

    [Fact]
    public void The_worker_runs_without_tiered_profile_guided_optimisation()
    {
        // Instrumenting hot methods before recompiling them cost the s-large scan more CPU than it won back.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildOutput(), "AiSpm.Functions.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo), "runtimeconfig.json leaves System.Runtime.TieredPGO on");
        Assert.False(pgo.GetBoolean());
    }

    [Theory]
    [InlineData(nameof(FunctionNames.StartScan), "scans", "post", true)]
    [InlineData(nameof(FunctionNames.ScanStatus), "scans/{id}", "get", true)]
    [InlineData(nameof(FunctionNames.Findings), "findings", "get", false)]
    [InlineData(nameof(FunctionNames.SuppressFinding), "findings/{scope}/{findingId}/suppress", "post", false)]
    [InlineData(nameof(FunctionNames.Inventory), "inventory", "get", false)]
    [InlineData(nameof(FunctionNames.ExportEvidence), "evidence", "get", false)]
    [InlineData(nameof(FunctionNames.Report), "report", "get", false)]
    [InlineData(nameof(FunctionNames.Rotations), "rotations", "get", true)]
    [InlineData(nameof(FunctionNames.TerminateRotation), "rotations/{id}/terminate", "post", true)]
    public void Http_functions_need_a_function_key_and_answer_on_their_route(string function, string route, string method, bool durableClient)
    {
        var trigger = Trigger(function, "httpTrigger");

        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        Assert.Contains(Bindings(function), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
        Assert.Equal(durableClient, HasDurableClient(function));
    }

    [Fact]
    public void Every_http_function_is_an_http_trigger_and_only_the_token_checked_approval_links_are_anonymous()
    {
        var http = Metadata.Value.Where(f => f.Value.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger")).Select(f => f.Key).Order();
        var anonymous = Metadata.Value.Where(f => f.Value.GetProperty("bindings").EnumerateArray().Any(b => b.TryGetProperty("authLevel", out var level) && level.GetString() != "Function"))
            .Select(f => f.Key).Order();

        Assert.Equal(FunctionNames.Http.Order(), http);
        Assert.Equal(FunctionNames.TokenAuthenticated.Order(), anonymous);
    }

    [Theory]
    [InlineData(nameof(FunctionNames.ApproveRotation), "rotations/{id}/approve")]
    [InlineData(nameof(FunctionNames.RejectRotation), "rotations/{id}/reject")]
    public void Approval_links_answer_get_for_the_confirmation_page_and_post_for_the_decision(string function, string route)
    {
        var trigger = Trigger(function, "httpTrigger");

        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(["get", "post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order());
        Assert.True(HasDurableClient(function));
    }

    [Fact]
    public void The_schedule_comes_from_the_setting_and_starts_scans_through_the_durable_client()
    {
        var trigger = Trigger(FunctionNames.ScheduledScan, "timerTrigger");

        Assert.Equal("%AISPM_SCAN_SCHEDULE%", trigger.GetProperty("schedule").GetString());
        Assert.True(HasDurableClient(FunctionNames.ScheduledScan));
    }

    [Theory]
    [InlineData(nameof(FunctionNames.ResourceChanged), "aispm-resource-events", true)]
    [InlineData(nameof(FunctionNames.SecretNearExpiry), "aispm-vault-events", false)]
    public void Event_functions_read_the_queues_event_grid_delivers_to(string function, string queue, bool durableClient)
    {
        var trigger = Trigger(function, "queueTrigger");

        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal(durableClient, HasDurableClient(function));
    }

    [Fact]
    public void Orchestrations_and_activities_are_registered_under_the_names_the_workflows_call()
    {
        var activities = typeof(ActivityNames).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Trigger(FullScanOrchestration.Name, "orchestrationTrigger");
        Trigger(ResourceScanOrchestration.Name, "orchestrationTrigger");
        Assert.Equal(6, activities.Count);
        Assert.All(activities, a => Trigger(a, "activityTrigger"));
        Assert.True(HasDurableClient(ActivityNames.StartRotations)); // it starts RotateExposedKey instances
    }

    [Fact]
    public void The_rotation_orchestration_and_every_activity_it_calls_are_registered()
    {
        var activities = typeof(RotationActivityNames).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Trigger(RotateExposedKeyOrchestration.Name, "orchestrationTrigger");
        Assert.Equal(7, activities.Count);
        Assert.All(activities, a => Trigger(a, "activityTrigger"));
    }

    [Fact]
    public void Extensions_json_loads_the_queue_and_durable_extensions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildOutput(), "extensions.json")));
        var names = document.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("AzureStorageQueues", names);
        Assert.Contains("DurableTask", names);
        Assert.All(document.RootElement.GetProperty("extensions").EnumerateArray(),
            e => Assert.True(File.Exists(Path.Combine(BuildOutput(), e.GetProperty("hintPath").GetString()!)), $"{e.GetProperty("hintPath")} is not in the build output"));
    }

    [Fact]
    public void Host_json_is_an_isolated_worker_host_with_plain_json_event_queues_and_the_task_hub()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");

        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.False(host.RootElement.TryGetProperty("extensionBundle", out _));
        Assert.Equal("api", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        // Event Grid's storage-queue handler writes plain JSON, not base64.
        Assert.Equal("none", extensions.GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.Equal("%AISPM_TASK_HUB%", extensions.GetProperty("durableTask").GetProperty("hubName").GetString()); // one hub per environment, set by infra
        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(Root(), "host.json")), File.ReadAllText(Path.Combine(BuildOutput(), "host.json")));
    }

    [Fact]
    public void The_app_has_no_function_json_and_does_not_ship_the_emulator()
    {
        Assert.Empty(Directory.GetFiles(Path.Combine(Root(), "src"), "function.json", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(BuildOutput(), "AiSpm.Emulator.dll")));
        Assert.DoesNotContain("AiSpm.Emulator", File.ReadAllText(Path.Combine(BuildOutput(), "AiSpm.Functions.deps.json")), StringComparison.Ordinal);
    }
}

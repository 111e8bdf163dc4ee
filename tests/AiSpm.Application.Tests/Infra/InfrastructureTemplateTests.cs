using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiSpm.Application.Configuration;
using AiSpm.Testing;

namespace AiSpm.Application.Tests.Infra;

/// <summary>
/// The deployment, held to the Bicep compiler and its linter (the pinned CLI, scripts/bicep.sh), and checked on the
/// compiled ARM JSON: the app, identity-based storage, role assignments, Event Grid delivery per scanned subscription
/// and per managed vault, outputs and settings.
/// </summary>
public sealed partial class InfrastructureTemplateTests
{
    private static readonly Lazy<JsonObject> Main = new(() => JsonNode.Parse(Bicep("build", Path.Combine("infra", "main.bicep"), "--stdout").Output)!.AsObject());

    /// <summary>Built-in roles the templates assign, by id, with the name docs/deploy.md lists them under.</summary>
    private static readonly Dictionary<string, string> BuiltInRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acdd72a7-3374-42d3-a997-57ed4fee3d8d"] = "Reader",
        ["21090545-7ca7-4776-b22c-e363652d74d2"] = "Key Vault Reader",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
    };

    private static readonly System.Text.Json.JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Root() => RepositoryRoot.Path;

    /// <summary>A node as JSON text with ARM expressions readable (no <c>\u0027</c> for quotes).</summary>
    private static string Text(JsonNode? node) => node?.ToJsonString(Plain) ?? string.Empty;

    /// <summary>The secure parameters of <paramref name="template"/> that its outputs reference.</summary>
    private static IEnumerable<string> SecureParametersInOutputs(JsonObject template)
    {
        var outputs = Text(template["outputs"]);
        return (template["parameters"]?.AsObject() ?? []).Where(p => p.Value?["type"]?.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(p => p.Key).Where(name => outputs.Contains($"parameters('{name}')", StringComparison.OrdinalIgnoreCase));
    }

    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root(), .. parts]));

    private static (int ExitCode, string Output) Bicep(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(Root(), "scripts", "bicep.sh")) { WorkingDirectory = Root(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Every resource of the template and its nested deployments (modules), with the module names that lead to it.</summary>
    private static IEnumerable<(string Module, JsonObject Resource)> Resources(JsonObject template, string module = "main")
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return (module, resource);
            if (resource["type"]?.GetValue<string>() == "Microsoft.Resources/deployments" && (resource["properties"] as JsonObject)?["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested, module + "/" + resource["name"]))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<JsonObject> OfType(string type) => Resources(Main.Value).Where(r => r.Resource["type"]?.GetValue<string>() == type).Select(r => r.Resource);

    private static JsonObject Module(string nameContains) => OfType("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>().Contains(nameContains, StringComparison.Ordinal));

    private static IEnumerable<JsonObject> Inside(JsonObject module, string type) =>
        Resources(module["properties"]!["template"]!.AsObject()).Where(r => r.Resource["type"]!.GetValue<string>() == type).Select(r => r.Resource);

    public static TheoryData<string> BicepFiles() => new(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "infra"), "*.bicep", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Every_bicep_file_builds_and_lints_with_no_error_or_warning(string file)
    {
        // The build runs the linter (infra/bicepconfig.json) and prints each of its diagnostics as 'bicep lint' does, so
        // one run of the CLI per file: no diagnostic at any level (error, warning or info).
        var build = Bicep("build", file, "--stdout");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotMatch(@"\(\d+,\d+\) : (Error|Warning|Info) ", build.Output);
    }

    [Fact]
    public void The_app_is_dotnet_isolated_on_flex_with_identity_based_storage_and_every_setting_the_code_reads()
    {
        var app = OfType("Microsoft.Web/sites").Single();
        var settings = OfType("Microsoft.Web/sites/config").Single()["properties"]!.ToJsonString(Plain);
        var functionAppConfig = app["properties"]!["functionAppConfig"]!.ToJsonString(Plain);

        Assert.Equal("functionapp,linux", app["kind"]!.GetValue<string>());
        Assert.Contains("dotnet-isolated", functionAppConfig, StringComparison.Ordinal);
        Assert.Contains("10.0", functionAppConfig, StringComparison.Ordinal);
        Assert.Contains("UserAssignedIdentity", functionAppConfig, StringComparison.Ordinal); // deployment storage with identity
        Assert.All(AppSettingNames.SetByInfrastructure, setting => Assert.Contains(setting, settings, StringComparison.Ordinal));
        Assert.Contains("managedidentity", settings, StringComparison.Ordinal);
        Assert.Contains("AISPM_TASK_HUB", settings, StringComparison.Ordinal); // host.json's hubName, one per environment
        Assert.Contains("%AISPM_TASK_HUB%", Read("host.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", settings, StringComparison.Ordinal); // no connection string with a key
        Assert.False(OfType("Microsoft.Storage/storageAccounts").Single()["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(OfType("Microsoft.KeyVault/vaults").Single()["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(OfType("Microsoft.Insights/components").Single()["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void Every_role_assignment_has_a_deterministic_name_and_a_role_the_deploy_docs_list()
    {
        var assignments = OfType("Microsoft.Authorization/roleAssignments").ToList();
        var deploy = Read("docs", "deploy.md");

        Assert.True(assignments.Count >= 8, $"found {assignments.Count} role assignments");
        Assert.All(assignments, a => Assert.StartsWith("[guid(", a["name"]!.GetValue<string>(), StringComparison.Ordinal));
        var builtIn = assignments.Select(a => a["properties"]!["roleDefinitionId"]!.GetValue<string>())
            .Concat(Resources(Main.Value).Select(r => r.Resource.ToJsonString(Plain)))
            .SelectMany(text => RoleGuid().Matches(text).Select(m => m.Value)).Where(BuiltInRoles.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Equal(BuiltInRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), builtIn.Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(builtIn, id => Assert.Contains(BuiltInRoles[id], deploy, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_scanned_subscription_gets_its_roles_and_an_event_subscription_delivering_to_the_queue_with_the_topics_identity()
    {
        var scanned = Module("aispm-scanned-");
        var events = Module("aispm-resource-events-");
        var changes = Inside(events, "Microsoft.EventGrid/systemTopics/eventSubscriptions").Single()["properties"]!;
        var delivery = changes["deliveryWithResourceIdentity"]!;
        var topic = Inside(scanned, "Microsoft.EventGrid/systemTopics").Single();

        // One copy per scanned subscription (the parameter, or this subscription), deployed into that subscription.
        Assert.Equal("[length(variables('scanned'))]", scanned["copy"]!["count"]!.GetValue<string>());
        Assert.Equal("[length(variables('scanned'))]", events["copy"]!["count"]!.GetValue<string>());
        Assert.Contains("variables('scanned')[copyIndex()]", scanned["subscriptionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("variables('scanned')[copyIndex()]", events["subscriptionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("scanSubscriptionIds", Main.Value["variables"]!["scanned"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Microsoft.Resources.Subscriptions", topic["properties"]!["topicType"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", topic["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("StorageQueue", delivery["destination"]!["endpointType"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", delivery["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("StorageBlob", changes["deadLetterWithResourceIdentity"]!["deadLetterDestination"]!["endpointType"]!.GetValue<string>());
        Assert.Contains("Microsoft.Resources.ResourceWriteSuccess", changes["filter"]!["includedEventTypes"]!.ToJsonString(Plain), StringComparison.Ordinal);
        Assert.Contains("Microsoft.CognitiveServices/", changes["filter"]!["advancedFilters"]!.ToJsonString(Plain), StringComparison.Ordinal);
        Assert.Single(Inside(scanned, "Microsoft.Authorization/roleAssignments")); // one loop: Reader, Key Vault Reader, Credential Reader, Key Rotator unless Off
        Assert.Contains("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", Module("event-delivery-roles").ToJsonString(Plain), StringComparison.Ordinal); // the topics may send to the queue
    }

    [Fact]
    public void A_two_subscription_install_deploys_roles_a_topic_and_an_event_subscription_into_each_of_them()
    {
        // The example parameter file of docs/deploy.md, evaluated the way ARM expands the template's copy loops.
        var parameters = JsonNode.Parse(Read("infra", "main.two-subscriptions.parameters.json"))!["parameters"]!;
        var given = parameters["scanSubscriptionIds"]!["value"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        var scannedExpression = Main.Value["variables"]!["scanned"]!.GetValue<string>();
        Assert.Equal("[if(empty(parameters('scanSubscriptionIds')), createArray(subscription().subscriptionId), parameters('scanSubscriptionIds'))]", scannedExpression);
        var scanned = given.Count == 0 ? ["<deployment subscription>"] : given;

        foreach (var module in new[] { Module("aispm-scanned-"), Module("aispm-resource-events-") })
        {
            Assert.Equal("[length(variables('scanned'))]", module["copy"]!["count"]!.GetValue<string>());
            var copies = Enumerable.Range(0, scanned.Count).Select(i => scanned[i]).ToList();
            Assert.Equal(["6f1c0a00-0000-4000-8000-00000000000a", "6f1c0a00-0000-4000-8000-00000000000b"], copies); // one copy each, in that subscription
            Assert.Equal("[variables('scanned')[copyIndex()]]", module["subscriptionId"]!.GetValue<string>());
        }

        Assert.All(new[] { "environmentName", "location", "remediationMode", "scanSubscriptionIds" }, name => Assert.NotNull(Main.Value["parameters"]![name]));
        Assert.Contains(parameters["remediationMode"]!["value"]!.GetValue<string>(), Main.Value["parameters"]!["remediationMode"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void A_management_group_gets_the_same_roles_defined_and_assigned_at_the_group()
    {
        var group = JsonNode.Parse(Bicep("build", Path.Combine("infra", "management-group.bicep"), "--stdout").Output)!.AsObject();
        var resources = Resources(group).Select(r => r.Resource).ToList();
        var definitions = resources.Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleDefinitions").ToList();
        var assignments = resources.Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments").ToList();

        Assert.Contains("managementGroupDeploymentTemplate", group["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, definitions.Count);
        Assert.All(definitions, d => Assert.Equal("[managementGroup().id]", d["properties"]!["assignableScopes"]!.AsArray().Single()!.GetValue<string>()));
        Assert.Equal(3, assignments.Count); // Reader and Key Vault Reader (one loop), Credential Reader, Key Rotator
        Assert.All(assignments, a => Assert.StartsWith("[guid(managementGroup().id", a["name"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("management-group.bicep", Read("scripts", "grant-scan-scope.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_managed_vault_delivers_secret_near_expiry_to_its_queue_with_the_topics_identity()
    {
        var vaultEvents = Module("vault-events");
        var subscription = Inside(vaultEvents, "Microsoft.EventGrid/systemTopics/eventSubscriptions").Single()["properties"]!;

        Assert.Equal("[\"Microsoft.KeyVault.SecretNearExpiry\"]", subscription["filter"]!["includedEventTypes"]!.ToJsonString(Plain));
        Assert.Equal("StorageQueue", subscription["deliveryWithResourceIdentity"]!["destination"]!["endpointType"]!.GetValue<string>());
        Assert.Single(Inside(vaultEvents, "Microsoft.Authorization/roleAssignments"));
        Assert.Contains("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", vaultEvents.ToJsonString(Plain), StringComparison.Ordinal); // Storage Queue Data Message Sender
    }

    [Fact]
    public void No_output_carries_a_secure_parameter()
    {
        var templates = Resources(Main.Value).Select(r => (r.Resource["properties"] as JsonObject)?["template"]).OfType<JsonObject>().Prepend(Main.Value).ToList();

        var leaking = JsonNode.Parse("""{"parameters":{"hook":{"type":"securestring"}},"outputs":{"uri":{"type":"string","value":"[if(empty(parameters('hook')), '', 'x')]"}}}""")!.AsObject();

        Assert.Equal(["hook"], SecureParametersInOutputs(leaking)); // the check sees a secure value in an output
        Assert.True(templates.Count > 5);
        Assert.All(templates, template => Assert.Empty(SecureParametersInOutputs(template)));
    }

    [Fact]
    public void Key_rotator_role_holds_exactly_the_regenerate_actions_the_rotator_calls_and_the_docs_list_them()
    {
        var rotator = OfType("Microsoft.Authorization/roleDefinitions").Single(r => r["name"]!.GetValue<string>().Contains("aispm-key-rotator", StringComparison.Ordinal));
        var actions = rotator["properties"]!["permissions"]![0]!["actions"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var rotatorRow = Read("docs", "deploy.md").Split('\n').Single(l => l.StartsWith("| app identity | custom role *AiSpm Key Rotator*", StringComparison.Ordinal));
        var called = AiSpm.Connectors.Remediation.RotatableKeyFamily.All
            .Select(f => $"{f.ResourceType}/{f.RegenerateRequest(f.Slots.First).Action.Split('/')[0]}/action").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(called, actions);
        Assert.All(actions, action => Assert.Contains(action, rotatorRow, StringComparison.Ordinal));
        Assert.Contains("'Off'", rotator["condition"]!.GetValue<string>(), StringComparison.Ordinal); // not defined when remediation is Off
        Assert.Contains("variables('assignableScopes')", rotator["properties"]!["assignableScopes"]!.GetValue<string>(), StringComparison.Ordinal); // assignable in every scanned subscription
        Assert.Contains("scannedSubscriptionIds", Module("custom-roles")["properties"]!["template"]!["variables"]!.ToJsonString(Plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_names_the_function_service_and_its_hook_and_the_docs_cover_deploy_permissions_teardown_and_cost()
    {
        var yaml = Read("azure.yaml");
        var doc = Read("docs", "deploy.md");

        Assert.Contains("project: ./src/AiSpm.Functions", yaml, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("./scripts/postprovision.sh", yaml, StringComparison.Ordinal);
        Assert.All(new[] { "postprovision.sh", "grant-graph-permissions.sh", "grant-scan-scope.sh" }, script => Assert.True(File.Exists(Path.Combine(Root(), "scripts", script)), script));
        Assert.All(new[] { "## Deploy", "## Permissions", "## Teardown", "## Cost notes", "Application.Read.All", "ElasticPremium", "### Two subscriptions" },
            section => Assert.Contains(section, doc, StringComparison.Ordinal));
    }

    [Fact]
    public void The_storage_module_creates_every_table_the_app_writes()
    {
        // Without them the deployed app's first write answers 404 TableNotFound: the app never creates tables itself.
        var storage = OfType("Microsoft.Resources/deployments").Single(d => d["name"]!.GetValue<string>() == "storage");
        var template = storage["properties"]!["template"]!.AsObject();
        var tables = Inside(storage, "Microsoft.Storage/storageAccounts/tableServices/tables").Single();
        var names = template["variables"]!["aispmTableNames"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Contains("aispmTableNames", tables["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(new AiSpm.Connectors.Persistence.AiSpmTables().All.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex RoleGuid();
}

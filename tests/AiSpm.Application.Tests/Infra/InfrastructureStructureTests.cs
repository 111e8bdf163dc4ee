using AiSpm.Testing;
using System.Diagnostics;
using System.Text.RegularExpressions;
using AiSpm.Application.Configuration;
using AiSpm.Application.Functions;

namespace AiSpm.Application.Tests.Infra;

/// <summary>
/// There is no Bicep compiler here, so the deployment is checked structurally: azd layout, settings the code reads,
/// role names, and the deployable folder `dotnet publish` produces.
/// </summary>
public sealed partial class InfrastructureStructureTests
{
    private static string Root() => RepositoryRoot.Path;

    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root(), .. parts]));

    [Fact]
    public void Azure_yaml_names_the_function_service_and_its_hooks()
    {
        var yaml = Read("azure.yaml");

        Assert.Contains("project: ./src/AiSpm.Functions", yaml, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("./scripts/postprovision.sh", yaml, StringComparison.Ordinal);
        Assert.Contains("./scripts/postdeploy.sh", yaml, StringComparison.Ordinal);
        Assert.All(new[] { "postprovision.sh", "postdeploy.sh", "grant-graph-permissions.sh", "grant-scan-scope.sh" },
            script => Assert.True(File.Exists(Path.Combine(Root(), "scripts", script)), script));
    }

    [Fact]
    public void Main_bicep_is_subscription_scoped_with_azd_parameters_and_every_module_exists()
    {
        var main = Read("infra", "main.bicep");
        var parameters = Read("infra", "main.parameters.json");

        Assert.Contains("targetScope = 'subscription'", main, StringComparison.Ordinal);
        Assert.Contains("'azd-env-name': environmentName", main, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'api'", main, StringComparison.Ordinal);
        foreach (Match module in ModulePath().Matches(main))
        {
            Assert.True(File.Exists(Path.Combine(Root(), "infra", module.Groups["path"].Value)), module.Value);
        }

        foreach (var parameter in new[] { "environmentName", "location", "principalId", "remediationMode", "teamsWebhookUrl", "scanSchedule" })
        {
            Assert.Contains($"\"{parameter}\"", parameters, StringComparison.Ordinal);
            Assert.Contains($"param {parameter} ", main, StringComparison.Ordinal);
        }

        Assert.Contains("@secure()\n@description('Teams Workflows webhook URL", main, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_the_code_expects_from_azure_is_set_by_the_app_module()
    {
        var api = Read("infra", "app", "api.bicep");

        Assert.All(AppSettingNames.SetByInfrastructure, setting => Assert.Matches(new Regex($@"^\s+{Regex.Escape(setting)}:", RegexOptions.Multiline), api));
        Assert.Contains("runtime: { name: 'dotnet-isolated', version: '10.0' }", api, StringComparison.Ordinal);
        Assert.Contains("FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'", api, StringComparison.Ordinal);
        Assert.Contains("allowSharedKeyAccess: false", Read("infra", "app", "storage.bicep"), StringComparison.Ordinal);
        Assert.Contains("DisableLocalAuth: true", Read("infra", "app", "monitoring.bicep"), StringComparison.Ordinal);
        var vault = Read("infra", "app", "keyvault.bicep");
        Assert.Contains("enableRbacAuthorization: true", vault, StringComparison.Ordinal);
        Assert.Contains("enablePurgeProtection: true", vault, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_assignments_use_named_role_guids_and_deterministic_names()
    {
        var rbac = Read("infra", "app", "rbac.bicep") + Read("infra", "app", "scan-reader.bicep");

        Assert.Contains("'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", rbac, StringComparison.Ordinal); // Storage Blob Data Owner
        Assert.Contains("'974c5e8b-45b9-4653-ba55-5f855dd0fb88'", rbac, StringComparison.Ordinal); // Storage Queue Data Contributor
        Assert.Contains("'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", rbac, StringComparison.Ordinal); // Storage Table Data Contributor
        Assert.Contains("'acdd72a7-3374-42d3-a997-57ed4fee3d8d'", rbac, StringComparison.Ordinal); // Reader
        Assert.Contains("'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'", rbac, StringComparison.Ordinal); // Key Vault Secrets Officer
        Assert.Contains("if (remediationMode != 'Off')", rbac, StringComparison.Ordinal);
        var assignments = RoleAssignment().Matches(rbac);
        Assert.True(assignments.Count >= 7, $"found {assignments.Count} role assignments");
        foreach (Match assignment in assignments)
        {
            Assert.StartsWith("guid(", assignment.Groups["name"].Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Key_rotator_role_holds_exactly_the_regenerate_actions_the_rotator_calls_and_the_docs_list_them()
    {
        var bicep = Read("infra", "app", "scan-reader.bicep");
        var role = bicep[bicep.IndexOf("resource keyRotator", StringComparison.Ordinal)..];
        role = role[..role.IndexOf("\n}", StringComparison.Ordinal)];
        var actions = Regex.Matches(role, "'(Microsoft\\.[A-Za-z]+/[A-Za-z/]+/action)'").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        var deploy = Read("docs", "deploy.md");
        var rotatorRow = deploy.Split('\n').Single(l => l.Contains("*AiSpm Key Rotator*", StringComparison.Ordinal));

        var called = AiSpm.Connectors.Remediation.RotatableKeyFamily.All
            .Select(f => $"{f.ResourceType}/{f.RegenerateRequest(f.Slots.First).Action.Split('/')[0]}/action").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Microsoft.CognitiveServices/accounts/regenerateKey/action", "Microsoft.Search/searchServices/regenerateAdminKey/action"], actions);
        Assert.Equal(called, actions);
        Assert.All(actions, action => Assert.Contains(action, rotatorRow, StringComparison.Ordinal));
        Assert.Contains("if (remediationMode != 'Off')", role, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_docs_cover_deploy_permissions_teardown_and_cost()
    {
        var doc = Read("docs", "deploy.md");

        Assert.All(new[] { "## Deploy", "## Permissions", "## Teardown", "## Cost notes", "Application.Read.All", "ElasticPremium" },
            section => Assert.Contains(section, doc, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"module \w+ '\./(?<path>[^']+)'")]
    private static partial Regex ModulePath();

    [GeneratedRegex(@"roleAssignments@[\d-]+' = (?:\[for [^\]]*\]: )?(?:if \([^)]*\) )?\{\s*name: (?<name>[^\n]+)")]
    private static partial Regex RoleAssignment();
}

using System.Text.Json;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Entra.Permissions;

namespace AiSpm.Core.Tests.Rules.Entra;

/// <summary>AISPM-2035: a user owning an app that holds Tier-0 or Tier-1 permissions.</summary>
public sealed class AppPrivilegedAppUserOwnerTests
{
    private const string Tier0Role = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"; // RoleManagement.ReadWrite.Directory
    private const string Tier1Role = "332a536c-c7ef-4017-ab91-336970924f0d"; // Sites.Read.All
    private const string OtherRole = "11111111-1111-4111-8111-111111111111"; // not in the tier table: Tier 2
    private const string User = """{"@odata.type":"#microsoft.graph.user","id":"u1","displayName":"Adele Vance","userPrincipalName":"adele@contoso.example"}""";
    private const string Pipeline = """{"@odata.type":"#microsoft.graph.servicePrincipal","id":"s9","displayName":"Deployment Pipeline"}""";

    private static List<RuleResult> Evaluate(string role, string? owners)
    {
        var json = $$"""
            {"tenantId":"t1",
             "servicePrincipals":[{"id":"s1","appId":"a1","displayName":"Sync Job","appOwnerOrganizationId":"t1","servicePrincipalType":"Application"}],
             "applications":[{"id":"o1","appId":"a1","displayName":"Sync Job"}],
             "appRoleAssignments":[{"id":"r1","principalId":"s1","resourceId":"graph","appRoleId":"{{role}}"}]
             {{(owners is null ? string.Empty : ",\"owners\":" + owners)}}}
            """;
        using var document = JsonDocument.Parse(json);
        var directory = new DirectoryInventoryBuilder().AddCollections(document.RootElement, "inline").Build();
        return new AppPrivilegedAppUserOwner().Evaluate(new PostureSnapshot { Directory = directory, EvaluatedAt = RuleFixtures.EvaluatedAt }).ToList();
    }

    [Fact]
    public void A_user_owning_a_tier0_app_is_a_critical_failure_with_the_owner_and_permissions_as_evidence()
    {
        var result = Assert.Single(Evaluate(Tier0Role, $$"""{"s1":[],"o1":[{{Pipeline}},{{User}}]}"""));

        Assert.Equal(RuleOutcome.Fail, result.Outcome);
        Assert.Equal("graph:/servicePrincipals/s1", result.ResourceId);
        Assert.Equal(Severity.Critical, result.ToFinding().Severity);
        Assert.Equal("u1 (adele@contoso.example, user) owns the application", result.Evidence["userOwners"]);
        Assert.Equal("s9 (Deployment Pipeline, servicePrincipal) owns the application", result.Evidence["servicePrincipalOwners"]);
        Assert.Contains("RoleManagement.ReadWrite.Directory", result.Evidence["permissions"], StringComparison.Ordinal);
        Assert.Equal("Tier 0", result.Evidence["tier"]);
        Assert.Equal("o1", result.Evidence["applicationId"]);
        Assert.Contains("adele@contoso.example", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_owning_the_service_principal_of_a_tier1_app_fails_at_the_rules_severity()
    {
        var result = Assert.Single(Evaluate(Tier1Role, $$"""{"s1":[{{User}}],"o1":[]}"""));

        Assert.Equal(RuleOutcome.Fail, result.Outcome);
        Assert.Equal(Severity.High, result.ToFinding().Severity);
        Assert.Equal("Tier 1", result.Evidence["tier"]);
        Assert.Equal("u1 (adele@contoso.example, user) owns the servicePrincipal", result.Evidence["userOwners"]);
    }

    [Fact]
    public void A_user_returned_with_only_id_and_type_still_fails()
    {
        var result = Assert.Single(Evaluate(Tier0Role, """{"s1":[{"@odata.type":"#microsoft.graph.user","id":"u2","displayName":null,"userPrincipalName":null}],"o1":[]}"""));

        Assert.Equal(RuleOutcome.Fail, result.Outcome);
        Assert.Equal("u2 (user, user) owns the servicePrincipal", result.Evidence["userOwners"]);
    }

    [Fact]
    public void An_owner_of_another_kind_than_service_principal_fails()
    {
        var result = Assert.Single(Evaluate(Tier0Role, """{"s1":[],"o1":[{"@odata.type":"#microsoft.graph.group","id":"g1","displayName":"App Admins"}]}"""));

        Assert.Equal(RuleOutcome.Fail, result.Outcome);
        Assert.Equal("g1 (App Admins, group) owns the application", result.Evidence["userOwners"]);
    }

    [Theory]
    [InlineData("""{"s1":[],"o1":[]}""")]
    [InlineData("""{"s1":[{"@odata.type":"#microsoft.graph.servicePrincipal","id":"s9","displayName":"Deployment Pipeline"}],"o1":[{"@odata.type":"#microsoft.graph.servicePrincipal","id":"s9"}]}""")]
    public void Service_principal_owners_only_or_none_pass(string owners)
    {
        var result = Assert.Single(Evaluate(Tier0Role, owners));

        Assert.Equal(RuleOutcome.Pass, result.Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"s1":[]}""")]
    [InlineData("""{"o1":[]}""")]
    public void Owners_not_collected_are_unknown(string? owners)
    {
        var result = Assert.Single(Evaluate(Tier0Role, owners));

        Assert.Equal(RuleOutcome.Unknown, result.Outcome);
        Assert.Contains("were not collected", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_user_owner_fails_even_when_the_other_half_was_not_read()
    {
        var result = Assert.Single(Evaluate(Tier0Role, $$"""{"o1":[{{User}}]}"""));

        Assert.Equal(RuleOutcome.Fail, result.Outcome);
    }

    [Fact]
    public void A_tier2_app_owned_by_a_user_is_not_judged()
    {
        Assert.Empty(Evaluate(OtherRole, $$"""{"s1":[{{User}}],"o1":[{{User}}]}"""));
    }

    [Fact]
    public void Microsoft_apps_and_managed_identities_are_not_judged()
    {
        using var document = JsonDocument.Parse($$"""
            {"tenantId":"t1",
             "servicePrincipals":[{"id":"m1","appId":"a9","displayName":"uami-x","servicePrincipalType":"ManagedIdentity"}],
             "appRoleAssignments":[{"id":"r1","principalId":"m1","resourceId":"graph","appRoleId":"{{Tier0Role}}"}],
             "owners":{"m1":[{{User}}]} }
            """);
        var directory = new DirectoryInventoryBuilder().AddCollections(document.RootElement, "inline").Build();

        Assert.Empty(new AppPrivilegedAppUserOwner().Evaluate(new PostureSnapshot { Directory = directory, EvaluatedAt = RuleFixtures.EvaluatedAt }));
    }

    [Fact]
    public void Owners_merge_by_id_and_a_malformed_owner_names_its_source()
    {
        using var malformed = JsonDocument.Parse("""{"servicePrincipals":[],"owners":{"s1":[{"@odata.type":"#microsoft.graph.user"}]}}""");

        var ex = Assert.Throws<AiSpm.Core.Inventory.AzureAi.InventoryFormatException>(() => new DirectoryInventoryBuilder().AddCollections(malformed.RootElement, "x.json"));

        Assert.Contains("x.json $.owners.s1 $.value[0]", ex.Message, StringComparison.Ordinal);
    }
}

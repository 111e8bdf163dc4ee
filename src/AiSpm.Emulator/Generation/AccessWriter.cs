using System.Globalization;
using System.Text.Json;

namespace AiSpm.Emulator.Generation;

/// <summary>
/// Writes the Resource Graph tables the attack-path graph reads, in the documented row shapes: role assignments
/// (<c>authorizationresources</c>) — the identities of AI resources holding data or control roles, people and apps
/// holding roles on the AI resources, and the ordinary assignments every subscription has — and Defender for Cloud
/// alerts (<c>securityresources</c>), a few of them active AI alerts. Seeded per object, apart from the resources' own
/// draws, so adding these tables changed nothing else the generator writes.
/// </summary>
internal sealed class AccessWriter(TenantLayout layout, GenerationTotals totals)
{
    private const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string OpenAiUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
    private const string CognitiveServicesUser = "a97b65f3-24c7-4388-baec-2e87135dc908";

    private int Seed => layout.Seed;

    /// <summary>The roles of an AI account: its identity's reach, and who may call it.</summary>
    public void Account(Utf8JsonWriter roles, Utf8JsonWriter alerts, (string Id, string? PrincipalId) account, int index, int subscription)
    {
        var random = SeededRandom.For(Seed, "account-access", index);
        if (account.PrincipalId is { } principal)
        {
            IdentityReach(roles, ref random, principal, subscription, "account", index);
        }

        var callers = 1 + random.Next(3);
        for (var k = 0; k < callers; k++)
        {
            var user = random.Chance(0.4);
            // Callers come from a pool, as in a real tenant: a few hundred people and a couple of hundred app identities.
            var who = user
                ? StableHash.GuidText(Seed, "user", random.Next(2000))
                : layout.ServicePrincipalId(TenantPlan.FirstApplicationPrincipal + random.Next(Math.Max(1, Math.Min(200, layout.Plan.Options.Applications))));
            Assignment(roles, account.Id, random.Chance(0.7) ? OpenAiUser : CognitiveServicesUser, who, user ? "User" : "ServicePrincipal", subscription, $"account-caller-{k}", index);
        }

        if (random.Chance(0.02))
        {
            Alert(alerts, account.Id, subscription, index, random.Chance(0.8) ? "Active" : "Resolved");
        }
    }

    /// <summary>The roles of an ML workspace's identity.</summary>
    public void Workspace(Utf8JsonWriter roles, (string Id, string PrincipalId) workspace, int index, int subscription)
    {
        var random = SeededRandom.For(Seed, "workspace-access", index);
        IdentityReach(roles, ref random, workspace.PrincipalId, subscription, "workspace", index);
    }

    /// <summary>The assignments every subscription has (owners, readers, automation), which the graph filters out.</summary>
    public void Subscription(Utf8JsonWriter roles, int subscription)
    {
        var random = SeededRandom.For(Seed, "subscription-access", subscription);
        var scope = "/subscriptions/" + layout.SubscriptionId(subscription);
        for (var k = 0; k < 8; k++)
        {
            var target = k % 2 == 0 ? scope : layout.ResourceGroupId(subscription, TenantLayout.Group(random.Chance(0.5) ? "apps" : "data", subscription));
            Assignment(roles, target, random.Pick([Owner, Contributor, Reader, Reader]), StableHash.GuidText(Seed, "user", random.Next(5000)), "User", subscription, $"subscription-{k}", subscription);
        }
    }

    private void IdentityReach(Utf8JsonWriter roles, ref SeededRandom random, string principal, int subscription, string kind, int index)
    {
        var group = layout.ResourceGroupId(subscription, TenantLayout.Group("data", subscription));
        if (random.Chance(0.4))
        {
            Assignment(roles, $"{group}/providers/Microsoft.Storage/storageAccounts/stdata{subscription:D4}", StorageBlobDataContributor, principal, "ServicePrincipal", subscription, kind + "-storage", index);
        }

        if (random.Chance(0.1))
        {
            Assignment(roles, $"{group}/providers/Microsoft.KeyVault/vaults/kv-data-{subscription:D4}", KeyVaultSecretsOfficer, principal, "ServicePrincipal", subscription, kind + "-vault", index);
        }

        if (random.Chance(0.03))
        {
            Assignment(roles, "/subscriptions/" + layout.SubscriptionId(subscription), Contributor, principal, "ServicePrincipal", subscription, kind + "-subscription", index);
        }
    }

    private void Assignment(Utf8JsonWriter w, string scope, string role, string principal, string principalType, int subscription, string purpose, int index)
    {
        var name = StableHash.GuidText(Seed, "role-assignment-" + purpose, index);
        var subscriptionId = layout.SubscriptionId(subscription);
        var created = TenantLayout.Date(TenantLayout.ReferenceInstant.AddDays(-30 - (index % 600)));
        w.WriteStartObject();
        w.WriteString("id", $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}");
        w.WriteString("name", name);
        w.WriteString("type", "microsoft.authorization/roleassignments");
        w.WriteString("tenantId", layout.TenantId);
        w.WriteString("resourceGroup", ResourceGroupOf(scope));
        w.WriteString("subscriptionId", subscriptionId);
        w.WriteStartObject("properties");
        w.WriteString("roleDefinitionId", $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{role}");
        w.WriteString("principalId", principal);
        w.WriteString("principalType", principalType);
        w.WriteString("scope", scope);
        w.WriteNull("condition");
        w.WriteString("createdOn", created);
        w.WriteString("updatedOn", created);
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/authorizationresources");
    }

    private void Alert(Utf8JsonWriter w, string resourceId, int subscription, int index, string status)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"2516788943999999999_{StableHash.GuidText(Seed, "alert", index)}");
        var location = layout.SubscriptionLocation(subscription);
        var when = TenantLayout.Date(TenantLayout.ReferenceInstant.AddDays(-(index % 20)));
        w.WriteStartObject();
        w.WriteString("id", $"{layout.ResourceGroupId(subscription, ResourceGroupOf(resourceId))}/providers/Microsoft.Security/locations/{location}/alerts/{name}");
        w.WriteString("name", name);
        w.WriteString("type", "Microsoft.Security/Locations/alerts");
        w.WriteString("tenantId", layout.TenantId);
        w.WriteString("resourceGroup", ResourceGroupOf(resourceId));
        w.WriteString("subscriptionId", layout.SubscriptionId(subscription));
        w.WriteStartObject("properties");
        w.WriteString("status", status);
        w.WriteString("severity", "High");
        w.WriteString("alertType", "AI.Azure_Jailbreak.ContentFiltering.BlockedAttempt");
        w.WriteString("alertDisplayName", "A Jailbreak attempt on your Azure AI model deployment was blocked by Prompt Shields");
        w.WriteString("productName", "Microsoft Defender for Cloud");
        w.WriteString("startTimeUtc", when);
        w.WriteString("timeGeneratedUtc", when);
        w.WriteStartArray("resourceIdentifiers");
        w.WriteStartObject();
        w.WriteString("$id", "1");
        w.WriteString("azureResourceId", resourceId);
        w.WriteString("type", "AzureResource");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("systemAlertId", name);
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/securityresources");
    }

    private static string ResourceGroupOf(string id)
    {
        var parts = id.Split('/');
        var at = Array.FindIndex(parts, p => p.Equals("resourceGroups", StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : string.Empty;
    }
}

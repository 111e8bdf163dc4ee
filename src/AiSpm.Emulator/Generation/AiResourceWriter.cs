using System.Globalization;
using System.Text.Json;

namespace AiSpm.Emulator.Generation;

/// <summary>
/// Writes the AI resources of the generated tenant: Cognitive Services accounts with their deployments, RAI policies and
/// diagnostic settings (and their keys), ML workspaces with computes and online endpoints, Search and Bot services. Good and
/// bad settings are drawn in seeded proportions, per object.
/// </summary>
internal sealed class AiResourceWriter(TenantLayout layout, GenerationTotals totals)
{
    private const string Creator = "platform-team@example.com";
    private int Seed => layout.Seed;

    /// <summary>Writes account <paramref name="account"/> and its children to <paramref name="w"/>, its keys to <paramref name="keys"/>; returns its id and the principal id of its identity, if it has one.</summary>
    public (string Id, string? PrincipalId) Account(Utf8JsonWriter w, Utf8JsonWriter keys, int account, int subscription)
    {
        var random = SeededRandom.For(Seed, "account", account);
        var kind = layout.AccountKind(account);
        var name = layout.AccountName(account, kind);
        var id = layout.AccountId(account, name);
        var env = layout.Environment(subscription);
        var location = layout.SubscriptionLocation(subscription);
        var created = TenantLayout.DaysBefore(ref random, 30, 1000);
        var publicAccess = random.Chance(0.55);
        var allowAll = publicAccess && random.Chance(0.7);
        var localAuth = random.Next(100);
        var customerKey = random.Chance(0.2);
        var identity = random.Chance(0.5) && account < layout.Plan.ManagedIdentities;
        var restrictOutbound = random.Chance(0.25);
        var endpointHost = kind == "OpenAI" ? $"https://{name}.openai.azure.com/" : $"https://{name}.cognitiveservices.azure.com/";

        w.WriteStartObject();
        ArmJson.Envelope(w, id, name, "Microsoft.CognitiveServices/accounts", location, env, kind);
        ArmJson.Etag(w, Seed, "account", account);
        ArmJson.Sku(w, kind == "OpenAI" || kind == "AIServices" || random.Chance(0.8) ? "S0" : "F0");
        ArmJson.SystemData(w, created, created.AddDays(random.Next(60)), Creator);
        if (identity)
        {
            ArmJson.SystemAssignedIdentity(w, layout.ManagedIdentityId(account), layout.TenantId);
        }

        w.WriteStartObject("properties");
        w.WriteString("endpoint", endpointHost);
        w.WriteString("internalId", StableHash.Guid(Seed, "account-internal", account).ToString("N"));
        w.WriteString("dateCreated", TenantLayout.Date(created));
        w.WriteStartObject("callRateLimit");
        ArmJson.EmptyArray(w, "rules");
        w.WriteEndObject();
        w.WriteBoolean("isMigrated", false);
        w.WriteString("customSubDomainName", name);
        w.WriteStartArray("privateEndpointConnections");
        if (!publicAccess)
        {
            var peId = $"{layout.ResourceGroupId(subscription, TenantLayout.Group("net", subscription))}/providers/Microsoft.Network/privateEndpoints/pe-{name}";
            ArmJson.PrivateEndpointConnection(w, id, "Microsoft.CognitiveServices/accounts", peId, "account", StableHash.GuidText(Seed, "account-pec", account));
        }

        w.WriteEndArray();
        w.WriteString("publicNetworkAccess", publicAccess ? "Enabled" : "Disabled");
        w.WriteStartArray("capabilities");
        WriteNamed(w, "VirtualNetworks");
        WriteNamed(w, "CustomerManagedKey");
        w.WriteEndArray();
        WriteEndpoints(w, kind, name, endpointHost);
        w.WriteString("provisioningState", "Succeeded");
        w.WriteStartObject("networkAcls");
        w.WriteString("defaultAction", allowAll ? "Allow" : "Deny");
        ArmJson.EmptyArray(w, "virtualNetworkRules");
        w.WriteStartArray("ipRules");
        if (!allowAll && publicAccess)
        {
            w.WriteStartObject();
            w.WriteString("value", random.Chance(0.15) ? "0.0.0.0/0" : $"198.51.100.{random.Next(250)}/32");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (localAuth < 45)
        {
            w.WriteBoolean("disableLocalAuth", true);
        }
        else if (localAuth < 85)
        {
            w.WriteBoolean("disableLocalAuth", false);
        }

        w.WriteBoolean("restrictOutboundNetworkAccess", restrictOutbound);
        if (restrictOutbound)
        {
            w.WriteStartArray("allowedFqdnList");
            w.WriteStringValue(new Uri(endpointHost).Host);
            w.WriteEndArray();
        }

        w.WriteStartObject("encryption");
        if (customerKey)
        {
            w.WriteString("keySource", "Microsoft.KeyVault");
            w.WriteStartObject("keyVaultProperties");
            w.WriteString("keyName", "cmk-" + name);
            w.WriteString("keyVersion", StableHash.Guid(Seed, "cmk-version", account).ToString("N"));
            w.WriteString("keyVaultUri", $"https://kv-cmk-{subscription:D4}.vault.azure.net/");
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("keySource", "Microsoft.CognitiveServices");
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.CognitiveServices/accounts");

        var raiPolicy = TenantPlan.HasRaiPolicy(account) ? "filter-" + name : null;
        if (raiPolicy is not null)
        {
            RaiPolicy(w, id, raiPolicy, account);
        }

        var deployments = layout.Plan.DeploymentsOf(account);
        for (var k = 0; k < deployments; k++)
        {
            Deployment(w, id, account, k, raiPolicy);
        }

        if (TenantPlan.HasDiagnostics(Seed, account))
        {
            DiagnosticSetting(w, id, account, subscription);
        }

        WriteKeys(keys, id, kind, account);
        return (id, identity ? layout.ManagedIdentityId(account) : null);
    }

    public (string Id, string PrincipalId) Workspace(Utf8JsonWriter w, int workspace, int subscription)
    {
        var random = SeededRandom.For(Seed, "workspace", workspace);
        var roll = random.Next(10);
        var kind = roll < 3 ? "Hub" : roll < 7 ? "Project" : "Default";
        var name = string.Create(CultureInfo.InvariantCulture, $"mlw-{layout.Environment(subscription)}-{workspace:D5}");
        var group = layout.ResourceGroupId(subscription, TenantLayout.Group("ml", subscription));
        var id = $"{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}";
        var location = layout.SubscriptionLocation(subscription);
        var created = TenantLayout.DaysBefore(ref random, 60, 900);
        var publicAccess = random.Chance(0.6);
        var shortName = name.Replace("-", string.Empty, StringComparison.Ordinal);

        w.WriteStartObject();
        ArmJson.Envelope(w, id, name, "Microsoft.MachineLearningServices/workspaces", location, layout.Environment(subscription), kind);
        ArmJson.Sku(w, "Basic", "Basic");
        ArmJson.SystemData(w, created, created, Creator);
        ArmJson.SystemAssignedIdentity(w, StableHash.GuidText(Seed, "workspace-identity", workspace), layout.TenantId);
        w.WriteStartObject("properties");
        w.WriteString("friendlyName", name);
        w.WriteString("description", string.Empty);
        w.WriteString("workspaceId", StableHash.GuidText(Seed, "workspace-id", workspace));
        w.WriteString("provisioningState", "Succeeded");
        w.WriteBoolean("hbiWorkspace", random.Chance(0.1));
        w.WriteString("publicNetworkAccess", publicAccess ? "Enabled" : "Disabled");
        w.WriteBoolean("allowPublicAccessWhenBehindVnet", publicAccess && random.Chance(0.5));
        w.WriteBoolean("v1LegacyMode", kind == "Default" && random.Chance(0.3));
        w.WriteString("discoveryUrl", $"https://{location}.api.azureml.ms/discovery");
        w.WriteString("systemDatastoresAuthMode", random.Chance(0.6) ? "accesskey" : "identity");
        w.WriteBoolean("enableDataIsolation", random.Chance(0.5));
        ArmJson.EmptyArray(w, "privateEndpointConnections");
        w.WriteStartObject("managedNetwork");
        var isolation = random.Next(3) switch { 0 => "Disabled", 1 => "AllowInternetOutbound", _ => "AllowOnlyApprovedOutbound" };
        w.WriteString("isolationMode", isolation);
        w.WriteStartObject("status");
        w.WriteString("status", isolation == "Disabled" ? "Inactive" : "Active");
        w.WriteBoolean("sparkReady", false);
        w.WriteEndObject();
        w.WriteStartObject("outboundRules");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("storageAccount", $"{group}/providers/Microsoft.Storage/storageAccounts/st{shortName}");
        w.WriteString("keyVault", $"{group}/providers/Microsoft.KeyVault/vaults/kv{shortName}");
        w.WriteString("applicationInsights", $"{group}/providers/Microsoft.Insights/components/appi-{name}");
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.MachineLearningServices/workspaces");

        if (TenantPlan.HasCompute(workspace))
        {
            Compute(w, id, workspace, location);
        }

        if (TenantPlan.HasOnlineEndpoint(workspace))
        {
            OnlineEndpoint(w, id, workspace, location, layout.Environment(subscription));
        }

        return (id, StableHash.GuidText(Seed, "workspace-identity", workspace));
    }

    /// <summary>Writes a search service and its admin keys; returns its name and whether its data plane accepts Entra tokens.</summary>
    public (string Name, bool AcceptsEntra) Search(Utf8JsonWriter w, Utf8JsonWriter keys, int service, int subscription)
    {
        var random = SeededRandom.For(Seed, "search", service);
        var name = string.Create(CultureInfo.InvariantCulture, $"srch-{layout.Environment(subscription)}-{service:D5}");
        var id = $"{layout.ResourceGroupId(subscription, TenantLayout.Group("search", subscription))}/providers/Microsoft.Search/searchServices/{name}";
        var created = TenantLayout.DaysBefore(ref random, 30, 700);
        var publicAccess = random.Chance(0.65);
        var localAuthDisabled = random.Chance(0.35);

        w.WriteStartObject();
        ArmJson.Envelope(w, id, name, "Microsoft.Search/searchServices", layout.SubscriptionLocation(subscription), layout.Environment(subscription));
        ArmJson.Sku(w, random.Chance(0.5) ? "basic" : "standard");
        ArmJson.SystemData(w, created, created, Creator);
        w.WriteStartObject("properties");
        w.WriteNumber("replicaCount", 1 + random.Next(3));
        w.WriteNumber("partitionCount", 1);
        w.WriteString("status", "running");
        w.WriteString("provisioningState", "succeeded");
        w.WriteString("hostingMode", "default");
        w.WriteString("publicNetworkAccess", publicAccess ? "enabled" : "disabled");
        w.WriteStartObject("networkRuleSet");
        w.WriteStartArray("ipRules");
        if (publicAccess && random.Chance(0.3))
        {
            w.WriteStartObject();
            w.WriteString("value", "0.0.0.0/0");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("bypass", "None");
        w.WriteEndObject();
        ArmJson.EmptyArray(w, "privateEndpointConnections");
        w.WriteBoolean("disableLocalAuth", localAuthDisabled);
        if (localAuthDisabled)
        {
            w.WriteNull("authOptions");
        }
        else
        {
            w.WriteStartObject("authOptions");
            w.WriteStartObject("apiKeyOnly");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteString("endpoint", $"https://{name}.search.windows.net/");
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.Search/searchServices");

        var keyRandom = SeededRandom.For(Seed, "search-keys", service);
        keys.WriteStartObject(id);
        keys.WriteString("primaryKey", FakeKeys.SearchAdminKey(ref keyRandom));
        keys.WriteString("secondaryKey", FakeKeys.SearchAdminKey(ref keyRandom));
        keys.WriteEndObject();
        totals.Count("arm/listKeys");
        return (name, localAuthDisabled);
    }

    public void Bot(Utf8JsonWriter w, int bot, int subscription)
    {
        var random = SeededRandom.For(Seed, "bot", bot);
        var name = string.Create(CultureInfo.InvariantCulture, $"bot-{layout.Environment(subscription)}-{bot:D5}");
        var id = $"{layout.ResourceGroupId(subscription, TenantLayout.Group("apps", subscription))}/providers/Microsoft.BotService/botServices/{name}";
        w.WriteStartObject();
        ArmJson.Envelope(w, id, name, "Microsoft.BotService/botServices", "global", layout.Environment(subscription), "azurebot");
        ArmJson.Sku(w, "S1");
        ArmJson.Etag(w, Seed, "bot", bot);
        w.WriteStartObject("properties");
        w.WriteString("displayName", name);
        w.WriteString("endpoint", $"https://app-{name}.azurewebsites.net/api/messages");
        w.WriteString("msaAppId", StableHash.GuidText(Seed, "bot-app", bot));
        w.WriteString("msaAppType", random.Chance(0.5) ? "UserAssignedMSI" : "MultiTenant");
        w.WriteString("msaAppTenantId", layout.TenantId);
        w.WriteBoolean("isCmekEnabled", false);
        w.WriteBoolean("disableLocalAuth", random.Chance(0.5));
        w.WriteString("publicNetworkAccess", random.Chance(0.6) ? "Enabled" : "Disabled");
        w.WriteString("tenantId", layout.TenantId);
        w.WriteStartArray("enabledChannels");
        w.WriteStringValue("webchat");
        w.WriteStringValue("directline");
        if (random.Chance(0.6))
        {
            w.WriteStringValue("msteams");
        }

        w.WriteEndArray();
        w.WriteString("provisioningState", "Succeeded");
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.BotService/botServices");
    }

    private void Deployment(Utf8JsonWriter w, string accountId, int account, int k, string? customPolicy)
    {
        var index = ((long)account << 16) | (uint)k;
        var random = SeededRandom.For(Seed, "deployment", index);
        var model = random.Chance(0.12) ? random.Pick(ModelCatalog.Retired) : random.Pick(ModelCatalog.Current);
        var name = string.Create(CultureInfo.InvariantCulture, $"{model.Name}-{k + 1}");
        var created = TenantLayout.DaysBefore(ref random, 10, 700);
        var skuRoll = random.Next(10);
        var sku = skuRoll < 4 ? "Standard" : skuRoll < 7 ? "GlobalStandard" : skuRoll < 9 ? "DataZoneStandard" : "ProvisionedManaged";
        var capacity = sku == "ProvisionedManaged" ? 50 + (random.Next(10) * 10) : 10 + (random.Next(30) * 10);
        var policy = customPolicy is not null && random.Chance(0.5) ? customPolicy : random.Chance(0.85) ? "Microsoft.DefaultV2" : "Microsoft.Default";

        w.WriteStartObject();
        w.WriteString("id", $"{accountId}/deployments/{name}");
        w.WriteString("name", name);
        w.WriteString("type", "Microsoft.CognitiveServices/accounts/deployments");
        w.WriteStartObject("sku");
        w.WriteString("name", sku);
        w.WriteNumber("capacity", capacity);
        w.WriteEndObject();
        ArmJson.SystemData(w, created, created, Creator);
        ArmJson.Etag(w, Seed, "deployment", index);
        w.WriteStartObject("properties");
        w.WriteStartObject("model");
        w.WriteString("format", "OpenAI");
        w.WriteString("name", model.Name);
        w.WriteString("version", model.Version);
        w.WriteEndObject();
        w.WriteString("versionUpgradeOption", random.Next(3) switch { 0 => "NoAutoUpgrade", 1 => "OnceCurrentVersionExpired", _ => "OnceNewDefaultVersionAvailable" });
        w.WriteStartObject("capabilities");
        w.WriteString(model.Capability, "true");
        w.WriteEndObject();
        w.WriteString("raiPolicyName", policy);
        w.WriteString("provisioningState", "Succeeded");
        w.WriteStartArray("rateLimits");
        RateLimit(w, "request", 10, capacity);
        RateLimit(w, "token", 60, capacity * 1000);
        w.WriteEndArray();
        w.WriteNumber("currentCapacity", capacity);
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.CognitiveServices/accounts/deployments");
        if (model.Retired)
        {
            totals.Count("planted/retired model deployments");
        }
    }

    private void RaiPolicy(Utf8JsonWriter w, string accountId, string name, int account)
    {
        var random = SeededRandom.For(Seed, "rai-policy", account);
        var created = TenantLayout.DaysBefore(ref random, 10, 500);
        var jailbreak = random.Chance(0.6);
        var threshold = random.Chance(0.3) ? "High" : "Medium";
        w.WriteStartObject();
        w.WriteString("id", $"{accountId}/raiPolicies/{name}");
        w.WriteString("name", name);
        w.WriteString("type", "Microsoft.CognitiveServices/accounts/raiPolicies");
        ArmJson.Etag(w, Seed, "rai-policy", account);
        ArmJson.SystemData(w, created, created, Creator);
        w.WriteStartObject("properties");
        w.WriteString("type", "UserManaged");
        w.WriteString("mode", random.Chance(0.8) ? "Default" : "Asynchronous_filter");
        w.WriteString("basePolicyName", "Microsoft.DefaultV2");
        w.WriteStartArray("contentFilters");
        foreach (var category in (string[])["hate", "sexual", "selfharm", "violence"])
        {
            foreach (var source in (string[])["Prompt", "Completion"])
            {
                w.WriteStartObject();
                w.WriteString("name", category);
                w.WriteBoolean("blocking", true);
                w.WriteBoolean("enabled", true);
                w.WriteString("severityThreshold", threshold);
                w.WriteString("source", source);
                w.WriteEndObject();
            }
        }

        ContentFilter(w, "jailbreak", jailbreak, "Prompt");
        ContentFilter(w, "indirect_attack", jailbreak && random.Chance(0.7), "Prompt");
        ContentFilter(w, "protected_material_text", true, "Completion");
        ContentFilter(w, "protected_material_code", random.Chance(0.5), "Completion");
        w.WriteEndArray();
        ArmJson.EmptyArray(w, "customBlocklists");
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.CognitiveServices/accounts/raiPolicies");
    }

    private void DiagnosticSetting(Utf8JsonWriter w, string resourceId, int account, int subscription)
    {
        var random = SeededRandom.For(Seed, "diagnostic-setting", account);
        var allLogs = random.Chance(0.7);
        var name = allLogs ? "diag-to-law" : "metrics-only";
        w.WriteStartObject();
        w.WriteString("id", $"{resourceId}/providers/Microsoft.Insights/diagnosticSettings/{name}");
        w.WriteString("name", name);
        w.WriteString("type", "Microsoft.Insights/diagnosticSettings");
        w.WriteStartObject("properties");
        w.WriteNull("storageAccountId");
        w.WriteNull("serviceBusRuleId");
        w.WriteString("workspaceId", $"{layout.ResourceGroupId(subscription, TenantLayout.Group("monitor", subscription))}/providers/Microsoft.OperationalInsights/workspaces/law-{subscription:D4}");
        w.WriteNull("eventHubAuthorizationRuleId");
        w.WriteNull("eventHubName");
        w.WriteStartArray("metrics");
        w.WriteStartObject();
        w.WriteString("category", "AllMetrics");
        w.WriteBoolean("enabled", true);
        RetentionPolicy(w);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("logs");
        if (allLogs)
        {
            w.WriteStartObject();
            w.WriteNull("category");
            w.WriteString("categoryGroup", "allLogs");
            w.WriteBoolean("enabled", true);
            RetentionPolicy(w);
            w.WriteEndObject();
        }
        else
        {
            foreach (var category in (string[])["Audit", "RequestResponse", "Trace"])
            {
                w.WriteStartObject();
                w.WriteString("category", category);
                w.WriteNull("categoryGroup");
                w.WriteBoolean("enabled", false);
                RetentionPolicy(w);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteString("logAnalyticsDestinationType", "Dedicated");
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.Insights/diagnosticSettings");
    }

    private void Compute(Utf8JsonWriter w, string workspaceId, int workspace, string location)
    {
        var random = SeededRandom.For(Seed, "compute", workspace);
        var name = string.Create(CultureInfo.InvariantCulture, $"ci-{workspace:D5}");
        var created = TenantLayout.DaysBefore(ref random, 5, 400);
        var publicIp = random.Chance(0.4);
        w.WriteStartObject();
        w.WriteString("id", $"{workspaceId}/computes/{name}");
        w.WriteString("name", name);
        w.WriteString("type", "Microsoft.MachineLearningServices/workspaces/computes");
        w.WriteString("location", location);
        ArmJson.SystemData(w, created, created, Creator);
        w.WriteStartObject("properties");
        w.WriteString("computeType", "ComputeInstance");
        w.WriteString("computeLocation", location);
        w.WriteString("provisioningState", "Succeeded");
        w.WriteBoolean("isAttachedCompute", false);
        w.WriteBoolean("disableLocalAuth", random.Chance(0.6));
        w.WriteStartObject("properties");
        w.WriteString("vmSize", random.Chance(0.5) ? "STANDARD_DS3_V2" : "STANDARD_NC6S_V3");
        w.WriteString("applicationSharingPolicy", random.Chance(0.7) ? "Personal" : "Shared");
        w.WriteStartObject("sshSettings");
        w.WriteString("sshPublicAccess", random.Chance(0.3) ? "Enabled" : "Disabled");
        w.WriteString("adminUserName", "azureuser");
        w.WriteNumber("sshPort", 4000 + random.Next(100));
        w.WriteEndObject();
        w.WriteBoolean("enableNodePublicIp", publicIp);
        w.WriteStartObject("connectivityEndpoints");
        if (publicIp)
        {
            w.WriteString("publicIpAddress", $"203.0.113.{random.Next(250)}");
        }
        else
        {
            w.WriteNull("publicIpAddress");
        }

        w.WriteString("privateIpAddress", $"10.{random.Next(250)}.{random.Next(250)}.{4 + random.Next(200)}");
        w.WriteEndObject();
        w.WriteString("state", random.Chance(0.7) ? "Running" : "Stopped");
        w.WriteBoolean("enableSSO", true);
        w.WriteBoolean("enableRootAccess", random.Chance(0.5));
        w.WriteString("idleTimeBeforeShutdown", random.Chance(0.6) ? "PT60M" : null);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.MachineLearningServices/workspaces/computes");
    }

    private void OnlineEndpoint(Utf8JsonWriter w, string workspaceId, int workspace, string location, string env)
    {
        var random = SeededRandom.For(Seed, "online-endpoint", workspace);
        var name = string.Create(CultureInfo.InvariantCulture, $"ep-{workspace:D5}");
        var created = TenantLayout.DaysBefore(ref random, 5, 400);
        var authRoll = random.Next(10);
        w.WriteStartObject();
        ArmJson.Envelope(w, $"{workspaceId}/onlineEndpoints/{name}", name, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", location, env, "Managed");
        ArmJson.SystemAssignedIdentity(w, StableHash.GuidText(Seed, "endpoint-identity", workspace), layout.TenantId);
        ArmJson.SystemData(w, created, created, Creator);
        w.WriteStartObject("properties");
        w.WriteString("authMode", authRoll < 4 ? "Key" : authRoll < 8 ? "AMLToken" : "AADToken");
        w.WriteString("description", string.Empty);
        w.WriteString("provisioningState", "Succeeded");
        w.WriteString("publicNetworkAccess", random.Chance(0.7) ? "Enabled" : "Disabled");
        w.WriteString("scoringUri", $"https://{name}.{location}.inference.ml.azure.com/score");
        w.WriteStartObject("traffic");
        w.WriteNumber("blue", 100);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        totals.Count("arm/Microsoft.MachineLearningServices/workspaces/onlineEndpoints");
    }

    private void WriteKeys(Utf8JsonWriter keys, string id, string kind, int account)
    {
        var random = SeededRandom.For(Seed, "account-keys", account);
        keys.WriteStartObject(id);
        if (random.Chance(0.1))
        {
            keys.WriteString("key1", FakeKeys.LegacyKey(ref random));
            keys.WriteString("key2", FakeKeys.LegacyKey(ref random));
        }
        else
        {
            var code = kind switch { "OpenAI" => 'B', "AIServices" => 'A', "SpeechServices" => 'Y', "ContentSafety" => 'H', "FormRecognizer" => 'L', _ => 'F' };
            keys.WriteString("key1", FakeKeys.CognitiveServicesKey(ref random, code));
            keys.WriteString("key2", FakeKeys.CognitiveServicesKey(ref random, code));
        }

        keys.WriteEndObject();
        totals.Count("arm/listKeys");
    }

    private static void WriteEndpoints(Utf8JsonWriter w, string kind, string name, string endpoint)
    {
        w.WriteStartObject("endpoints");
        if (kind == "OpenAI")
        {
            w.WriteString("OpenAI Language Model Instance API", endpoint);
            w.WriteString("OpenAI Dall-E API", endpoint);
            w.WriteString("OpenAI Whisper API", endpoint);
        }
        else if (kind == "AIServices")
        {
            w.WriteString("AI Foundry API", $"https://{name}.services.ai.azure.com/");
            w.WriteString("OpenAI Language Model Instance API", $"https://{name}.openai.azure.com/");
            w.WriteString("Azure AI Model Inference API", $"https://{name}.services.ai.azure.com/");
        }

        w.WriteString("Token Service API", endpoint);
        w.WriteEndObject();
    }

    private static void WriteNamed(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteEndObject();
    }

    private static void RateLimit(Utf8JsonWriter w, string key, int period, int count)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteNumber("renewalPeriod", period);
        w.WriteNumber("count", count);
        w.WriteEndObject();
    }

    private static void ContentFilter(Utf8JsonWriter w, string name, bool enabled, string source)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteBoolean("blocking", enabled);
        w.WriteBoolean("enabled", enabled);
        w.WriteString("source", source);
        w.WriteEndObject();
    }

    private static void RetentionPolicy(Utf8JsonWriter w)
    {
        w.WriteStartObject("retentionPolicy");
        w.WriteBoolean("enabled", false);
        w.WriteNumber("days", 0);
        w.WriteEndObject();
    }
}

namespace AiSpm.Application.Configuration;

/// <summary>
/// Every app setting the server reads, in one place. <see cref="SetByInfrastructure"/> lists those the Bicep in
/// infra/ must set on the Function app (a structural test checks it); the others are optional or for local use.
/// </summary>
public static class AppSettingNames
{
    /// <summary>Storage (connection string, or the identity-based children <c>__accountName</c>, <c>__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c>).</summary>
    public const string Storage = Connectors.Storage.StorageOptions.SettingName;

    /// <summary>Seconds one storage request attempt may wait for an answer.</summary>
    public const string StorageTimeoutSeconds = Connectors.Storage.StorageOptions.TimeoutSettingName;

    /// <summary>Seconds one Resource Manager, Resource Graph or Key Vault request attempt may wait for an answer (Graph: 4× per call).</summary>
    public const string ApiTimeoutSeconds = "AISPM_API_TIMEOUT_SECONDS";

    /// <summary>Scan timer, six-field cron (UTC).</summary>
    public const string ScanSchedule = "AISPM_SCAN_SCHEDULE";

    /// <summary>Subscriptions to scan (comma-separated); empty = all readable.</summary>
    public const string Subscriptions = "AISPM_SUBSCRIPTIONS";

    /// <summary>Client id of the user-assigned managed identity.</summary>
    public const string ClientId = "AZURE_CLIENT_ID";

    /// <summary>Object id of AiSpm's identity (its own changes are ignored in events).</summary>
    public const string OwnObjectId = "AISPM_OWN_OBJECT_ID";

    /// <summary>Off, DryRun or Auto.</summary>
    public const string RotationMode = "AISPM_ROTATION_MODE";

    /// <summary>Rotation: time between storing the fresh partner key and regenerating the exposed one.</summary>
    public const string RotationConsumerWait = Remediation.Rotation.RotationOptions.ConsumerWaitSetting;

    /// <summary>Rotation, Approval mode: how long an approval card waits before the rotation is escalated.</summary>
    public const string RotationApprovalTimeout = Remediation.Rotation.RotationOptions.ApprovalTimeoutSetting;

    /// <summary>The Key Vault holding the AI keys consumers read.</summary>
    public const string KeyVaultUri = "AISPM_KEYVAULT_URI";

    /// <summary>Teams Workflows webhook URL (a secret: a Key Vault reference in Azure).</summary>
    public const string TeamsWebhookUrl = "AISPM_TEAMS_WEBHOOK_URL";

    /// <summary>Fingerprint key of the installation (a secret: a Key Vault reference in Azure).</summary>
    public const string FingerprintKey = "AISPM_FINGERPRINT_KEY";

    /// <summary>false skips the Graph shard.</summary>
    public const string GraphEnabled = "AISPM_GRAPH_ENABLED";

    /// <summary><c>false</c> skips the Power Platform shards (Copilot Studio agents read from Dataverse).</summary>
    public const string PowerPlatformEnabled = "AISPM_POWERPLATFORM_ENABLED";

    /// <summary><c>On</c> or <c>Off</c> (default): sample the blob containers that feed AI for credentials and personal data.</summary>
    public const string DataSampling = "AISPM_DATA_SAMPLING";

    /// <summary>Blobs read per sampled container (1–1000, default 20).</summary>
    public const string DataSamplingMaxBlobs = "AISPM_DATA_SAMPLING_MAX_BLOBS";

    /// <summary>The policy file: a path, or the https URL of a blob read with the app's identity; empty: the AiSpm.Default baseline.</summary>
    public const string Policy = "AISPM_POLICY";

    /// <summary>Resource Manager endpoint (sovereign clouds).</summary>
    public const string ArmEndpoint = "AISPM_ARM_ENDPOINT";

    /// <summary>Absolute URL of the published docs/rules/ folder (SARIF helpUri, "How to fix" buttons on cards).</summary>
    public const string RuleDocsUrl = "AISPM_RULE_DOCS_URL";

    /// <summary>The https URL the app is reached at, when not its own host name (the digest links to its report).</summary>
    public const string PublicUrl = "AISPM_PUBLIC_URL";

    /// <summary>The app's host name, set by the platform on App Service and Functions.</summary>
    public const string PlatformHostName = "WEBSITE_HOSTNAME";

    /// <summary>Subscriptions per shard.</summary>
    public const string SubscriptionsPerShard = "Scan:SubscriptionsPerShard";

    /// <summary>The local engine's work-item visibility timeout (how soon work resumes after a crash).</summary>
    public const string VisibilityTimeoutSeconds = "Scan:VisibilityTimeoutSeconds";

    /// <summary>The local engine's activity concurrency (shards at once).</summary>
    public const string ActivityConcurrency = "Scan:ActivityConcurrency";

    /// <summary>Local mode API key.</summary>
    public const string LocalApiKey = "AISPM_LOCAL_API_KEY";

    /// <summary>Fixture tenant served by the in-process emulator (local only).</summary>
    public const string EmulatorFixture = "AISPM_EMULATOR_FIXTURE";

    /// <summary>Latency added by the in-process emulator (local only).</summary>
    public const string EmulatorLatencyMs = "AISPM_EMULATOR_LATENCY_MS";

    /// <summary>The settings the Azure deployment sets on the Function app (as <c>__</c>-separated names).</summary>
    public static IReadOnlyList<string> SetByInfrastructure { get; } =
    [
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        ScanSchedule, Subscriptions, ClientId, OwnObjectId, RotationMode, RotationConsumerWait, RotationApprovalTimeout, KeyVaultUri, TeamsWebhookUrl, FingerprintKey,
    ];
}

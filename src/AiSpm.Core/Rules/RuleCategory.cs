namespace AiSpm.Core.Rules;

/// <summary>The categories rules belong to (one each).</summary>
public static class RuleCategory
{
    /// <summary>Reachability from networks: public access, firewalls, private endpoints.</summary>
    public const string NetworkExposure = "NetworkExposure";

    /// <summary>Keys and local authentication instead of Entra ID.</summary>
    public const string Authentication = "Authentication";

    /// <summary>Managed identities and who the resource acts as.</summary>
    public const string Identity = "Identity";

    /// <summary>Encryption at rest with customer-managed keys.</summary>
    public const string Encryption = "Encryption";

    /// <summary>Diagnostic and audit logs.</summary>
    public const string Logging = "Logging";

    /// <summary>Content filters, prompt shields and responsible-AI policies.</summary>
    public const string ContentSafety = "ContentSafety";

    /// <summary>Model versions, retirement and upgrades.</summary>
    public const string ModelLifecycle = "ModelLifecycle";

    /// <summary>Data exfiltration paths: outbound network restrictions.</summary>
    public const string DataExfiltration = "DataExfiltration";

    /// <summary>Compute hardening (SSH, public IPs, idle shutdown).</summary>
    public const string ComputeHardening = "ComputeHardening";

    /// <summary>Risky application permissions.</summary>
    public const string Permissions = "Permissions";

    /// <summary>User and admin consent.</summary>
    public const string Consent = "Consent";

    /// <summary>Exposed or badly managed credentials.</summary>
    public const string Credentials = "Credentials";

    /// <summary>Third-party AI apps in use (shadow AI).</summary>
    public const string ShadowAi = "ShadowAi";

    /// <summary>Microsoft 365 Copilot and agent governance.</summary>
    public const string Copilot = "Copilot";

    /// <summary>Availability: replicas and redundancy that an SLA depends on.</summary>
    public const string Resilience = "Resilience";

    /// <summary>Chains of findings joined along the asset graph (AISPM-4xxx).</summary>
    public const string AttackPath = "AttackPath";

    /// <summary>Every category.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        NetworkExposure, Authentication, Identity, Encryption, Logging, ContentSafety, ModelLifecycle, DataExfiltration,
        ComputeHardening, Permissions, Consent, Credentials, ShadowAi, Copilot, Resilience, AttackPath,
    ];
}

namespace AiSpm.Core.Policy;

/// <summary>
/// The thresholds rules compare against, with the defaults AiSpm ships (each documented in docs/policy.md and on the
/// pages of the rules that read it). A policy file sets them under <c>settings</c>.
/// </summary>
public sealed record RuleSettings
{
    /// <summary>The defaults.</summary>
    public static RuleSettings Default { get; } = new();

    /// <summary>Longest accepted lifetime of an app client secret, and the longest a management policy may allow (AISPM-2021, AISPM-2029). Default 366 days.</summary>
    public int SecretMaxLifetimeDays { get; init; } = 366;

    /// <summary>Longest accepted lifetime of an app certificate (AISPM-2025). Default 366 days.</summary>
    public int CertificateMaxLifetimeDays { get; init; } = 366;

    /// <summary>How long before expiry a secret is reported as expiring (AISPM-2022, AISPM-3002). Default 30 days.</summary>
    public int SecretExpiryWarningDays { get; init; } = 30;

    /// <summary>How far ahead a model version's retirement is reported (AISPM-1151). Default 90 days.</summary>
    public int ModelRetirementHorizonDays { get; init; } = 90;

    /// <summary>Replicas an AI Search service needs for its read SLA (AISPM-1306). Default 2.</summary>
    public int SearchMinimumReplicas { get; init; } = 2;

    /// <summary>Days without a publish after which a broadly shared Copilot Studio agent counts as dormant (AISPM-2049). Default 90.</summary>
    public int AgentDormantDays { get; init; } = 90;

    /// <summary>
    /// Days after which an administrator's import of the delegated-only Copilot admin settings and catalogue
    /// (<c>aispm collect copilot-admin</c>) is stale: AISPM-2032 and AISPM-2033 then answer Unknown. Default 30.
    /// </summary>
    public int CopilotImportMaxAgeDays { get; init; } = 30;

    /// <summary>
    /// Domains the MCP servers of Copilot Studio agents may run on (AISPM-2047): a host matches an entry equal to it or
    /// ending in "." plus the entry (<c>contoso.com</c> allows <c>mcp.contoso.com</c>). Default none: every MCP server
    /// behind a custom connector is reported until its domain is listed.
    /// </summary>
    public IReadOnlyList<string> McpAllowedDomains { get; init; } = [];

    /// <summary>True when <paramref name="host"/> is one of <see cref="McpAllowedDomains"/> or under one.</summary>
    public bool AllowsMcpHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return McpAllowedDomains.Any(d => name.Equals(d, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The setting names a policy file may use, as written there.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "secretMaxLifetimeDays", "certificateMaxLifetimeDays", "secretExpiryWarningDays", "modelRetirementHorizonDays", "searchMinimumReplicas", "agentDormantDays",
        "copilotImportMaxAgeDays", "mcpAllowedDomains",
    ];
}

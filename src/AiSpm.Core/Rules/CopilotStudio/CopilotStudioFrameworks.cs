namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Framework mappings shared by the Copilot Studio rules.</summary>
internal static class CopilotStudioFrameworks
{
    /// <summary>Who can reach an agent: sharing and authentication.</summary>
    public static FrameworkMappings Access { get; } = new()
    {
        NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2"],
        Iso42001 = ["A.6.2.6", "A.10.3"],
        EuAiAct = ["Art. 26"],
        OwaspLlm = ["LLM06:2025", "LLM01:2025"],
        MitreAtlas = ["AML.T0049", "AML.T0040"],
    };

    /// <summary>What an agent can send out: HTTP calls, email, tools acting as their maker.</summary>
    public static FrameworkMappings Exfiltration { get; } = new()
    {
        NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7"],
        Iso42001 = ["A.6.2.6", "A.4.5"],
        EuAiAct = ["Art. 15"],
        OwaspLlm = ["LLM06:2025", "LLM02:2025"],
        MitreAtlas = ["AML.T0057", "AML.T0051"],
    };

    /// <summary>Credentials written into an agent.</summary>
    public static FrameworkMappings Credentials { get; } = new()
    {
        NistAiRmf = ["MANAGE 2.2"],
        Iso42001 = ["A.6.2.6"],
        EuAiAct = ["Art. 15"],
        OwaspLlm = ["LLM02:2025"],
        MitreAtlas = ["AML.T0055"],
    };

    /// <summary>What an agent is grounded on and how it is steered.</summary>
    public static FrameworkMappings Grounding { get; } = new()
    {
        NistAiRmf = ["MEASURE 2.6", "MANAGE 2.2"],
        Iso42001 = ["A.9.3", "A.6.2.6"],
        EuAiAct = ["Art. 15"],
        OwaspLlm = ["LLM01:2025", "LLM07:2025"],
        MitreAtlas = ["AML.T0051"],
    };

    /// <summary>Ownership and life cycle of agents.</summary>
    public static FrameworkMappings Lifecycle { get; } = new()
    {
        NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2"],
        Iso42001 = ["A.10.3", "A.4.5"],
        EuAiAct = ["Art. 26"],
        OwaspLlm = ["LLM06:2025"],
        MitreAtlas = ["AML.T0049"],
    };
}

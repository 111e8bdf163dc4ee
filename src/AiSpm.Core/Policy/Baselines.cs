using AiSpm.Core.Rules;

namespace AiSpm.Core.Policy;

/// <summary>The baselines AiSpm ships.</summary>
public static class Baselines
{
    /// <summary>Every rule except the controls Microsoft marks "enable if required" (<see cref="RuleDescriptor.IfRequired"/>).</summary>
    public static Baseline Default { get; } = new("AiSpm.Default", "2026.12", "What a typical enterprise acts on: every rule but the controls Microsoft marks 'enable if required' (customer-managed keys, SLA replicas, cost hygiene).", r => !r.IfRequired);

    /// <summary>Every rule.</summary>
    public static Baseline Strict { get; } = new("AiSpm.Strict", "2026.12", "Every rule, including customer-managed keys and the other controls Microsoft marks 'enable if required'.", _ => true);

    /// <summary>The rules that evidence the NIST AI RMF.</summary>
    public static Baseline NistAiRmf { get; } = Framework("AiSpm.NISTAIRMF", "NIST AI RMF 1.0", f => f.NistAiRmf);

    /// <summary>The rules that evidence ISO/IEC 42001.</summary>
    public static Baseline Iso42001 { get; } = Framework("AiSpm.ISO42001", "ISO/IEC 42001:2023 Annex A", f => f.Iso42001);

    /// <summary>The rules that evidence the EU AI Act.</summary>
    public static Baseline EuAiAct { get; } = Framework("AiSpm.EUAIAct", "the EU AI Act (deployer obligations)", f => f.EuAiAct);

    /// <summary>The rules that evidence the OWASP Top 10 for LLM Applications.</summary>
    public static Baseline OwaspLlm { get; } = Framework("AiSpm.OWASPLLM", "the OWASP Top 10 for LLM Applications 2025", f => f.OwaspLlm);

    /// <summary>The rules that mitigate MITRE ATLAS techniques.</summary>
    public static Baseline MitreAtlas { get; } = Framework("AiSpm.MITREATLAS", "MITRE ATLAS", f => f.MitreAtlas);

    /// <summary>Every baseline, the default first.</summary>
    public static IReadOnlyList<Baseline> All { get; } = [Default, Strict, NistAiRmf, Iso42001, EuAiAct, OwaspLlm, MitreAtlas];

    /// <summary>A baseline by name (case-insensitive), or null.</summary>
    public static Baseline? Find(string name) => All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    // A framework baseline is every rule mapped to the framework, "if required" controls included: an assessment against
    // the framework needs their evidence.
    private static Baseline Framework(string name, string framework, Func<FrameworkMappings, IReadOnlyList<string>> controls) =>
        new(name, "2026.12", $"Every rule that evidences {framework}, including the 'enable if required' controls it maps.", r => controls(r.Frameworks).Count > 0);
}

using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents hold no credentials (API keys, client secrets, tokens) written into their topics, tools or configuration.</summary>
public sealed class CopilotStudioHardCodedCredential : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2046",
        Name = "CopilotStudio.HardCodedCredential",
        Title = "Copilot Studio agents hold no credentials in their topics, tools or configuration",
        Severity = Severity.Critical,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["powerplatform/bots"],
        Frameworks = CopilotStudioFrameworks.Credentials,
        Since = "0.9.0",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot)
    {
        if (agent.Secrets.Count > 0)
        {
            var first = agent.Secrets[0];
            var evidence = new Dictionary<string, string>
            {
                ["credentials"] = string.Join("; ", agent.Secrets.Select(s => $"{s.DetectorId} {s.Hint} in {s.Component}")),
                [RuleResult.SecretFingerprintEvidence] = first.Fingerprint,
                [RuleResult.SecretHintEvidence] = first.Hint,
            };
            return RuleCheck.Fail($"Agent '{agent.Name}' holds {agent.Secrets.Count} credential(s) in its content ({string.Join(", ", agent.Secrets.Select(s => s.Component).Distinct(StringComparer.Ordinal))}): anyone who can edit or export the agent, or its solution, can read them.", evidence);
        }

        return agent.ComponentsRead
            ? RuleCheck.Pass($"No credential was found in the topics, tools or configuration of agent '{agent.Name}'.")
            : ComponentsNotRead(agent);
    }
}

using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.CopilotStudio;

namespace AiSpm.Core.Rules.CopilotStudio;

/// <summary>Copilot Studio agents send email only to recipients the maker fixed: a mail-sending tool whose recipient the model (or the user) chooses can exfiltrate conversation and grounding data.</summary>
public sealed class CopilotStudioEmailToRuntimeRecipients : CopilotAgentRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2045",
        Name = "CopilotStudio.EmailToRuntimeRecipients",
        Title = "Copilot Studio agents send email only to recipients the maker fixed",
        Severity = Severity.High,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["powerplatform/bots"],
        Frameworks = CopilotStudioFrameworks.Exfiltration,
        Since = "0.9.0",
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override bool ReadsComponents => true;

    /// <inheritdoc />
    protected override RuleCheck Check(CopilotAgent agent, PostureSnapshot snapshot)
    {
        var mailers = agent.Tools.Where(t => SendsMail(t.OperationId)).ToList();
        if (mailers.Count == 0)
        {
            return RuleCheck.NotApplicable($"Agent '{agent.Name}' has no tool that sends email.");
        }

        var open = mailers.Where(t => t.Inputs.FirstOrDefault(i => IsRecipient(i.Property)) is not { IsFixed: true, Value: { Length: > 0 } value } || value.TrimStart().StartsWith('=')).ToList();
        var evidence = new Dictionary<string, string> { ["mailTools"] = string.Join(", ", mailers.Select(t => $"{t.Component} ({t.OperationId})")) };
        return open.Count > 0
            ? RuleCheck.Fail($"Agent '{agent.Name}' can send email to recipients chosen at run time ({string.Join(", ", open.Select(t => t.Component))}): a prompt can make it mail data anywhere.", evidence)
            : RuleCheck.Pass($"Every email tool of agent '{agent.Name}' sends to a recipient the maker fixed.", evidence);
    }

    private static bool SendsMail(string? operationId) =>
        operationId is not null && operationId.Contains("send", StringComparison.OrdinalIgnoreCase)
        && (operationId.Contains("mail", StringComparison.OrdinalIgnoreCase) || operationId.Contains("message", StringComparison.OrdinalIgnoreCase));

    private static bool IsRecipient(string property)
    {
        var name = property.Trim('\'', '"');
        name = name[(name.LastIndexOf('/') + 1)..];
        return name.Equals("To", StringComparison.OrdinalIgnoreCase) || name.Equals("Cc", StringComparison.OrdinalIgnoreCase) || name.Equals("Bcc", StringComparison.OrdinalIgnoreCase)
            || name.Equals("recipients", StringComparison.OrdinalIgnoreCase);
    }
}

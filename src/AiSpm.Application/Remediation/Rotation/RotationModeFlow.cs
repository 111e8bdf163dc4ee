using AiSpm.Core.Remediation;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>The orchestration's flow for a rotation mode (the installation's, or the one an account's tag asks for).</summary>
public static class RotationModeFlow
{
    /// <summary>DryRun, Approval or Auto as the flow of the same name; null for Off, which starts no rotation.</summary>
    public static RotationFlow? ToFlow(this RotationMode mode) => mode switch
    {
        RotationMode.DryRun => RotationFlow.DryRun,
        RotationMode.Approval => RotationFlow.Approval,
        RotationMode.Auto => RotationFlow.Auto,
        _ => null,
    };
}

namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>The Power Platform environments and the Copilot Studio agents a scan read, and what it could not read.</summary>
/// <param name="Environments">The environments listed.</param>
/// <param name="Agents">The agents of the environments whose Dataverse was read.</param>
/// <param name="NotCollected">What could not be read and why (an environment without the application user, …).</param>
/// <param name="IsCollected">True when the scan read Power Platform at all; the Copilot Studio rules are silent otherwise.</param>
public sealed record CopilotStudioInventory(IReadOnlyList<PowerPlatformEnvironment> Environments, IReadOnlyList<CopilotAgent> Agents, IReadOnlyList<string> NotCollected, bool IsCollected)
{
    /// <summary>Nothing read.</summary>
    public static CopilotStudioInventory Empty { get; } = new([], [], [], false);
}

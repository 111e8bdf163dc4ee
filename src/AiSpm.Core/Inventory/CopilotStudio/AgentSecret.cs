namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>A credential found written into an agent's topics, tools or configuration: never the value, only a fingerprint and a masked hint.</summary>
/// <param name="Component">Where it was found (a component name, or <c>configuration</c>).</param>
/// <param name="DetectorId">The detector that found it.</param>
/// <param name="Fingerprint">Keyed hash of the value.</param>
/// <param name="Hint">Masked hint.</param>
public sealed record AgentSecret(string Component, string DetectorId, string Fingerprint, string Hint);

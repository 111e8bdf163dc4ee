namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>The Dataverse user who owns an agent (<c>systemusers</c>).</summary>
/// <param name="SystemUserId">The systemuserid.</param>
/// <param name="EntraObjectId">Its <c>azureactivedirectoryobjectid</c>, or null when the user has none (or it was not read).</param>
/// <param name="Disabled">Its <c>isdisabled</c>, or null when not read.</param>
/// <param name="Name">Its full name or domain name, for messages.</param>
/// <param name="Exists">False when the users were read and the owner is not among them (deleted); null when they were not read.</param>
public sealed record AgentOwner(string SystemUserId, string? EntraObjectId, bool? Disabled, string Name, bool? Exists);

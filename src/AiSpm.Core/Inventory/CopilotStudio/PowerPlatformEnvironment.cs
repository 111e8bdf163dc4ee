namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>A Power Platform environment, as the Power Platform admin API lists it.</summary>
/// <param name="Id">The environment name (a GUID, or <c>Default-{tenantId}</c>).</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="Sku">Production, Sandbox, Developer, Trial, Default, … or null.</param>
/// <param name="DataverseUrl">The Dataverse instance URL (<c>properties.linkedEnvironmentMetadata.instanceUrl</c>), or null for an environment without Dataverse.</param>
public sealed record PowerPlatformEnvironment(string Id, string DisplayName, string? Sku, Uri? DataverseUrl);

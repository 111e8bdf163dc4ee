using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Ports;

/// <summary>Keeps administrators' imports of the delegated-only Copilot admin settings and catalogue.</summary>
public interface ICopilotAdminImportStore
{
    /// <summary>Stores an import; it becomes the newest when no later one exists.</summary>
    Task SaveAsync(CopilotAdminImport import, CancellationToken cancellationToken = default);

    /// <summary>The newest complete import, or null when there is none.</summary>
    Task<CopilotAdminImport?> LatestAsync(CancellationToken cancellationToken = default);
}

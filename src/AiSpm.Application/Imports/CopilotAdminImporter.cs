using System.Text.Json;
using AiSpm.Connectors.Graph;
using AiSpm.Core.Audit;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Ports;

namespace AiSpm.Application.Imports;

/// <summary>
/// Imports the delegated-only Copilot admin settings and catalogue: reads them with a signed-in administrator's Graph
/// client, stores what was read (who, when, never the token) and records <c>copilot-admin.imported</c> in the audit chain.
/// </summary>
public sealed class CopilotAdminImporter(ICopilotAdminImportStore store, IAuditLog audit, TimeProvider time)
{
    /// <summary>The audit action of an import.</summary>
    public const string AuditAction = "copilot-admin.imported";

    /// <summary>Reads and stores an import; returns it, or null (nothing stored) when Graph gave neither part.</summary>
    /// <param name="delegatedGraph">A Graph client whose credential is a signed-in user.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <exception cref="CopilotAdminReadException">The signed-in user could not be read.</exception>
    public async Task<(CopilotAdminImport Import, bool Stored)> ImportAsync(Microsoft.Graph.GraphServiceClient delegatedGraph, CancellationToken cancellationToken = default)
    {
        var import = await new CopilotAdminReader(delegatedGraph, time).ReadAsync(cancellationToken).ConfigureAwait(false);
        if (import.LimitedMode is null && import.Packages is null)
        {
            return (import, false);
        }

        await store.SaveAsync(import, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord(import.ImportedBy, AuditAction, import.Id, JsonSerializer.Serialize(new
        {
            importedAt = import.ImportedAt,
            limitedMode = import.LimitedMode is not null,
            packages = import.Packages?.Count,
            notRead = import.NotRead,
        })), cancellationToken).ConfigureAwait(false);
        return (import, true);
    }
}

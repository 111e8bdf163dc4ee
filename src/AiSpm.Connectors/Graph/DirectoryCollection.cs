using AiSpm.Connectors.Collection;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Connectors.Graph;

/// <summary>What the directory collector read.</summary>
/// <param name="Inventory">The directory inventory (parts that could not be read are listed in its <c>NotCollected</c>).</param>
/// <param name="Errors">Reads that failed; optional endpoints (beta, licensed, delegated-only) are coverage notes, not failures.</param>
/// <param name="Calls">HTTP requests sent to Microsoft Graph (each page, each <c>$batch</c>, each retry).</param>
/// <param name="Pages">Collection pages and single entities read (including pages served inside a batch).</param>
/// <param name="ResourcePrincipals">Resource service principals whose <c>appRoleAssignedTo</c> was read.</param>
/// <param name="OwnerObjects">Privileged service principals and app registrations whose owners were asked for (20 to a <c>$batch</c>).</param>
public sealed record DirectoryCollection(DirectoryInventory Inventory, IReadOnlyList<CollectionError> Errors, int Calls, int Pages, int ResourcePrincipals, int OwnerObjects = 0);

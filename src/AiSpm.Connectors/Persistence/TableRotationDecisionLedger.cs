using AiSpm.Core.Ports;
using Azure;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IRotationDecisionLedger"/> on Table storage (the <c>Rotations</c> table): partition <c>decision</c>,
/// RowKey = encoded approval key; the insert is the claim, so two clicks at once still decide once.
/// </summary>
public sealed class TableRotationDecisionLedger(TableClient table, TimeProvider? time = null) : IRotationDecisionLedger
{
    private const string Partition = "decision";

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(string approvalKey, string action, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(approvalKey);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, TableKey.Encode(approvalKey))
            {
                ["Action"] = action,
                ["Actor"] = actor,
                ["DecidedAt"] = (time ?? TimeProvider.System).GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}

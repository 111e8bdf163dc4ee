using AiSpm.Core.Audit;

namespace AiSpm.Application.Exports;

/// <summary>An audit entry as written to audit.json: every field the hash covers, the hash and the link.</summary>
/// <param name="Sequence">Position in the chain.</param>
/// <param name="Timestamp">When it was appended (whole milliseconds, UTC).</param>
/// <param name="Actor">Who.</param>
/// <param name="Action">What.</param>
/// <param name="Target">On what.</param>
/// <param name="Details">Further facts as JSON.</param>
/// <param name="PreviousHash">The hash of the entry before.</param>
/// <param name="Hash">This entry's hash.</param>
public sealed record AuditExtractEntry(long Sequence, DateTimeOffset Timestamp, string Actor, string Action, string Target, string Details, string PreviousHash, string Hash)
{
    /// <summary>From a chain entry.</summary>
    public static AuditExtractEntry From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.Timestamp, entry.Record.Actor, entry.Record.Action, entry.Record.Target, entry.Record.Details, entry.PreviousHash, entry.Hash);
    }

    /// <summary>Back to a chain entry, for <see cref="AuditChain.Verify"/>.</summary>
    public AuditEntry ToEntry() => new(Sequence, Timestamp, new AuditRecord(Actor, Action, Target, Details), PreviousHash, Hash);
}

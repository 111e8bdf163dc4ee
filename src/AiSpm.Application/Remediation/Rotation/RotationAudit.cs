using System.Text.Json;
using AiSpm.Core.Audit;
using AiSpm.Core.Ports;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>Appends a rotation step to the audit chain: the account, the exposure's fingerprint and the step's details, never a key.</summary>
internal static class RotationAudit
{
    public static Task AppendAsync(IAuditLog audit, string actor, string action, string accountId, string fingerprint, object details, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditRecord(actor, action, accountId, JsonSerializer.Serialize(new { fingerprint, details })), cancellationToken);
}

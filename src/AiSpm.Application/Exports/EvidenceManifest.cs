namespace AiSpm.Application.Exports;

/// <summary>The manifest of an evidence ZIP.</summary>
/// <param name="Format">Always <see cref="EvidenceFiles.Format"/>.</param>
/// <param name="Tool">Product name.</param>
/// <param name="ToolVersion">Product version.</param>
/// <param name="GeneratedAt">When the export was made.</param>
/// <param name="FrameworkDataVersion">The version of the framework control data used for compliance/.</param>
/// <param name="AuditEntries">Entries in audit.json.</param>
/// <param name="AuditHeadHash">The hash of the last audit entry at export time (null when the chain is empty).</param>
/// <param name="Files">Every other file with its SHA-256.</param>
public sealed record EvidenceManifest(
    string Format,
    string Tool,
    string ToolVersion,
    DateTimeOffset GeneratedAt,
    string FrameworkDataVersion,
    long AuditEntries,
    string? AuditHeadHash,
    IReadOnlyList<EvidenceFile> Files);

/// <summary>One file of an evidence ZIP.</summary>
/// <param name="Path">Its path inside the ZIP.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
/// <param name="Bytes">Its length.</param>
public sealed record EvidenceFile(string Path, string Sha256, long Bytes);

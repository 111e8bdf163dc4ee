namespace AiSpm.Application.Exports;

/// <summary>The outcome of verifying an evidence ZIP.</summary>
/// <param name="Problems">What does not match, one line each (file names, audit sequence numbers); empty when valid.</param>
/// <param name="FilesChecked">Files whose hash was checked.</param>
/// <param name="AuditEntries">Audit entries read.</param>
public sealed record EvidenceVerification(IReadOnlyList<string> Problems, int FilesChecked, long AuditEntries)
{
    /// <summary>True when every file matches the manifest and the audit chain holds.</summary>
    public bool IsValid => Problems.Count == 0;
}

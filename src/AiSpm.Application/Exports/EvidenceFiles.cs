namespace AiSpm.Application.Exports;

/// <summary>The file names inside an evidence ZIP.</summary>
public static class EvidenceFiles
{
    /// <summary>SHA-256 of every other file, the tool version and when it was generated.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>Every stored finding with its lifecycle, as CSV.</summary>
    public const string FindingsCsv = "findings.csv";

    /// <summary>The same findings as OCSF Detection Finding events.</summary>
    public const string FindingsOcsf = "findings.ocsf.json";

    /// <summary>The AI inventory.</summary>
    public const string Inventory = "inventory.json";

    /// <summary>The AI-BOM as CycloneDX 1.6 JSON: components, services, dependencies (the graph's edges) and open findings.</summary>
    public const string CycloneDx = "aibom.cdx.json";

    /// <summary>Accepted risks with their justifications.</summary>
    public const string Suppressions = "suppressions.json";

    /// <summary>The recent scan runs.</summary>
    public const string ScanRuns = "scan-runs.json";

    /// <summary>The audit chain with its hashes.</summary>
    public const string Audit = "audit.json";
    public const string Policy = "policy.json";

    /// <summary>The folder of per-framework control status.</summary>
    public const string ComplianceFolder = "compliance/";

    /// <summary>The manifest's format marker.</summary>
    public const string Format = "aispm-evidence/1";
}

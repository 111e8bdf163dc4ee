namespace AiSpm.Application.Functions;

/// <summary>The functions of the app, as the Functions host lists them (functions.metadata) and the local server mirrors them.</summary>
public static class FunctionNames
{
    /// <summary>Timer: starts a full scan.</summary>
    public const string ScheduledScan = "ScheduledScan";

    /// <summary>Queue (Event Grid delivery): targeted re-scan of a changed AI resource.</summary>
    public const string ResourceChanged = "ResourceChanged";

    /// <summary>Queue (Event Grid delivery of Key Vault events): scheduled rotation of an AI account key near expiry.</summary>
    public const string SecretNearExpiry = "SecretNearExpiry";

    /// <summary>HTTP POST scans: start a scan.</summary>
    public const string StartScan = "StartScan";

    /// <summary>HTTP GET scans/{runId}: progress of a run.</summary>
    public const string ScanStatus = "ScanStatus";

    /// <summary>HTTP GET findings: filtered, paged findings.</summary>
    public const string Findings = "Findings";

    /// <summary>HTTP POST findings/{scope}/{findingId}/suppress: accept a risk.</summary>
    public const string SuppressFinding = "SuppressFinding";

    /// <summary>HTTP GET inventory: the AI inventory.</summary>
    public const string Inventory = "Inventory";

    /// <summary>HTTP GET evidence: the evidence ZIP (base64, with its manifest).</summary>
    public const string ExportEvidence = "ExportEvidence";

    /// <summary>HTTP GET report: the HTML report (the page the Teams digest links to).</summary>
    public const string Report = "Report";

    /// <summary>HTTP GET rotations: the rotation instances with their step, flow, outcome and timestamps.</summary>
    public const string Rotations = "Rotations";

    /// <summary>HTTP POST rotations/{id}/terminate: an operator stops a stuck rotation.</summary>
    public const string TerminateRotation = "TerminateRotation";

    /// <summary>HTTP GET|POST rotations/{id}/approve: an approval card's Approve link (anonymous route; the signed token authenticates).</summary>
    public const string ApproveRotation = "ApproveRotation";

    /// <summary>HTTP GET|POST rotations/{id}/reject: an approval card's Reject link (anonymous route; the signed token authenticates).</summary>
    public const string RejectRotation = "RejectRotation";

    /// <summary>Every HTTP-triggered function.</summary>
    public static IReadOnlyList<string> Http { get; } = [StartScan, ScanStatus, Findings, SuppressFinding, Inventory, ExportEvidence, Report, Rotations, TerminateRotation, ApproveRotation, RejectRotation];

    /// <summary>
    /// The HTTP functions without a function key: the approval links a responder opens from Teams. Each checks its own
    /// credential (an HMAC-signed, expiring token bound to the rotation and the answer) before it reads anything.
    /// </summary>
    public static IReadOnlyList<string> TokenAuthenticated { get; } = [ApproveRotation, RejectRotation];
}

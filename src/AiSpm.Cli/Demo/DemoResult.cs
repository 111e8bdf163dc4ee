using AiSpm.Core.Audit;
using AiSpm.Core.Findings;
using AiSpm.Core.Scans;
using AiSpm.Application.Exports;

namespace AiSpm.Cli.Demo;

/// <summary>
/// What the demo did: the closed run, open findings, asset count, the fixed finding before and after its event, the
/// audit check, the evidence ZIP and its verification, how many Teams cards reached the sink, and the rule catalogue under
/// the installation's policy.
/// </summary>
internal sealed record DemoResult(
    ScanRun Run,
    IReadOnlyList<StoredFinding> OpenFindings,
    int Assets,
    Finding FixedFinding,
    StoredFinding FixedAfterEvent,
    AuditChainVerification AuditChain,
    string EvidencePath,
    EvidenceVerification Evidence,
    int TeamsCards,
    AiSpm.Core.Rules.RuleCatalog Rules);

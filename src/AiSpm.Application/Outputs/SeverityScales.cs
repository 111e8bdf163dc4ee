using AiSpm.Core.Findings;

namespace AiSpm.Application.Outputs;

/// <summary>How AiSpm severities map onto the scales of SARIF and OCSF.</summary>
public static class SeverityScales
{
    /// <summary>SARIF <c>level</c>: critical and high are errors, medium a warning, the rest notes.</summary>
    public static string SarifLevel(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>The <c>security-severity</c> property code-scanning UIs rank by (0.0–10.0, as a string).</summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };

    /// <summary>OCSF <c>severity_id</c>: 1 informational, 2 low, 3 medium, 4 high, 5 critical.</summary>
    public static int OcsfSeverityId(Severity severity) => severity switch
    {
        Severity.Informational => 1,
        Severity.Low => 2,
        Severity.Medium => 3,
        Severity.High => 4,
        Severity.Critical => 5,
        _ => 0,
    };
}

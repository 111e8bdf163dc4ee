namespace AiSpm.Cli.Commands;

/// <summary>How <c>aispm scan</c> prints its findings.</summary>
public enum ScanOutputFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>One JSON document: findings, coverage and API calls.</summary>
    Json,

    /// <summary>CSV, one finding per line.</summary>
    Csv,

    /// <summary>A SARIF 2.1.0 log (code-scanning UIs).</summary>
    Sarif,

    /// <summary>A JSON array of OCSF Detection Finding events.</summary>
    Ocsf,
}

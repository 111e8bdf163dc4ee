namespace AiSpm.Application.Scanning;

/// <summary>What a start did.</summary>
/// <param name="Id">The id to ask about the scan with (the orchestration instance id).</param>
/// <param name="Started">False when the scan was already running or done (same tick) or was told of the change instead.</param>
/// <param name="Description">One line for logs and answers.</param>
public sealed record ScanStart(string Id, bool Started, string Description);

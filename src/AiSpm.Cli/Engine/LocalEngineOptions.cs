namespace AiSpm.Cli.Engine;

/// <summary>How the local durable engine runs (development only; in Azure the Durable Functions extension runs it).</summary>
public sealed class LocalEngineOptions
{
    /// <summary>The task hub when none is set and the installation has no table prefix.</summary>
    public const string DefaultTaskHub = "AiSpmLocal";

    /// <summary>
    /// The task hub: letters and digits, 3 to 45 characters, starting with a letter. Unset, it is
    /// <see cref="DefaultTaskHub"/> followed by the installation's table prefix, so installations that share a storage
    /// account (each with its own prefix) never run each other's orchestrations.
    /// </summary>
    public string? TaskHub { get; set; }

    /// <summary>
    /// Activities run at once. The Durable Task SDK would default to the processor count; shards mostly wait on the
    /// network, so the engine sets it explicitly.
    /// </summary>
    public int ActivityConcurrency { get; set; } = 8;

    /// <summary>Orchestration work items run at once.</summary>
    public int OrchestrationConcurrency { get; set; } = 10;

    /// <summary>
    /// How long a dequeued work item stays invisible: after a crash, work resumes this long after it was taken. Short
    /// locally (Azure's default is 5 minutes) so a killed local server picks up quickly after a restart.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest wait between polls of an idle queue.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Control-queue partitions (1 locally: one process owns them all).</summary>
    public int PartitionCount { get; set; } = 1;
}

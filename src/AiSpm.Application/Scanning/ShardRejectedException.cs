namespace AiSpm.Application.Scanning;

/// <summary>A shard can never succeed (its run does not exist, or it is outside the plan): keep it in the poison queue, do not retry.</summary>
public sealed class ShardRejectedException(string message) : Exception(message);

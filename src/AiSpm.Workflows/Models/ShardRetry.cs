namespace AiSpm.Workflows.Models;

/// <summary>How a shard is retried: attempts in all, and the first wait (doubling after each failure).</summary>
/// <param name="MaxAttempts">Attempts including the first (at least 1).</param>
/// <param name="FirstInterval">Wait before the second attempt.</param>
public sealed record ShardRetry(int MaxAttempts, TimeSpan FirstInterval);

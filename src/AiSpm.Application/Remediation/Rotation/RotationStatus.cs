using AiSpm.Workflows.Models;
using Microsoft.DurableTask.Client;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>One rotation as <c>GET api/rotations</c> and <c>aispm rotations</c> show it, read from the orchestration's state.</summary>
/// <param name="InstanceId">The instance (one per exposure).</param>
/// <param name="AccountId">The account whose key was exposed.</param>
/// <param name="FindingId">The finding that started it.</param>
/// <param name="Fingerprint">The exposed value's fingerprint.</param>
/// <param name="RuntimeStatus">Running, Completed, Failed, Terminated…</param>
/// <param name="Flow">The flow in effect.</param>
/// <param name="Step">The current (or last) step.</param>
/// <param name="Outcome">How it ended, when it did.</param>
/// <param name="Actor">Who decided, when it ended.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="UpdatedAt">Its last change.</param>
/// <param name="Until">While waiting: when the wait ends.</param>
/// <param name="Detail">The outcome's line, or the failure's message.</param>
public sealed record RotationStatus(
    string InstanceId, string AccountId, string FindingId, string Fingerprint, string RuntimeStatus, string Flow, string Step,
    string? Outcome, string? Actor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? Until, string? Detail)
{
    /// <summary>The status of <paramref name="instance"/>, or null when it is not a rotation (its input does not read as one).</summary>
    public static RotationStatus? Of(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ExposedKeyRotation? input;
        RotationProgress? progress;
        RotationResult? result;
        try
        {
            input = instance.ReadInputAs<ExposedKeyRotation>();
            progress = instance.SerializedCustomStatus is { Length: > 0 } ? instance.ReadCustomStatusAs<RotationProgress>() : null;
            result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RotationResult>() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        if (input is null)
        {
            return null;
        }

        return new RotationStatus(instance.InstanceId, input.AccountId, input.FindingId, input.Fingerprint, instance.RuntimeStatus.ToString(),
            (progress?.Flow ?? input.Flow).ToString(), progress?.Step ?? "pending", result?.Outcome.ToString(), result?.Actor,
            instance.CreatedAt, instance.LastUpdatedAt, instance.IsRunning ? progress?.Until : null, result?.Detail ?? instance.FailureDetails?.ErrorMessage);
    }
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Starts orchestrations under fixed instance ids, never beside an active instance of the same id. Two callers that both
/// find no instance (two messages for one resource handled at once) would otherwise both schedule, and the Azure
/// Storage backend then starts a second execution over the running one. Callers in one process take turns per id
/// (<see cref="ExclusiveAsync{T}"/>); across processes the backend's de-duplication of active instances is asked for.
/// </summary>
internal static class SingleInstance
{
    private static readonly OrchestrationRuntimeStatus[] Active = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    // A fixed set of gates, an id always on the same one: bounded memory however many resources change.
    private static readonly SemaphoreSlim[] Gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Runs <paramref name="start"/> (read the instance, then schedule or signal it) with no other start for the same id in this process.</summary>
    public static async Task<T> ExclusiveAsync<T>(string instanceId, Func<Task<T>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var gate = Gates[(int)((uint)StringComparer.Ordinal.GetHashCode(instanceId) % (uint)Gates.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await start().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True when an instance of this id is pending, running or suspended.</summary>
    public static bool IsActive(OrchestrationMetadata? instance) => instance is not null && Active.Contains(instance.RuntimeStatus);

    /// <summary>Schedules <paramref name="name"/>; false when an instance of <paramref name="instanceId"/> was already active.</summary>
    public static async Task<bool> TryScheduleAsync(DurableTaskClient client, TaskName name, object input, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(Active), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The backend refused a duplicate (its exception type differs between backends): it is fine if the reason
            // is an active instance, and an error otherwise.
            if (IsActive(await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)))
            {
                return false;
            }

            throw;
        }
    }
}

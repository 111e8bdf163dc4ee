using System.Reflection;
using DurableTask.Core;

namespace AiSpm.Cli.Engine;

/// <summary>
/// Stands between the sidecar's dispatchers and the Azure Storage orchestration service: it tells when the
/// dispatchers have started the service, and makes stopping a service that never started a no-op (the backend throws
/// in that case, and the sidecar stops it from a fire-and-forget handler, which would end the process).
/// </summary>
public class OrchestrationServiceStartGate : DispatchProxy
{
    private IOrchestrationService _inner = null!;
    private TaskCompletionSource _started = null!;

    /// <summary>Completes once the service has started.</summary>
    public Task Started => _started.Task;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public static (IOrchestrationService Service, OrchestrationServiceStartGate Gate) Wrap(IOrchestrationService inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var service = Create<IOrchestrationService, OrchestrationServiceStartGate>();
        var gate = (OrchestrationServiceStartGate)(object)service;
        gate._inner = inner;
        gate._started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (service, gate);
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IOrchestrationService.StopAsync) && !_started.Task.IsCompleted)
        {
            return Task.CompletedTask;
        }

        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (targetMethod.Name == nameof(IOrchestrationService.StartAsync) && result is Task start)
        {
            return StartedAsync(start);
        }

        return result;
    }

    private async Task StartedAsync(Task start)
    {
        await start.ConfigureAwait(false);
        _started.TrySetResult();
    }
}

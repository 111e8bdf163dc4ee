using AiSpm.Connectors.Persistence;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Application.Scanning;

/// <summary>
/// The local stand-in for the Functions host's queue trigger: receives shard messages with a visibility timeout,
/// extends it while a shard runs, deletes the message only after the shard is recorded, and moves a message that
/// fails <see cref="ScanOptions.MaxDequeueCount"/> times (or cannot be parsed) to the poison queue with the reason.
/// </summary>
public sealed partial class ShardQueueWorker(ScanCoordinator coordinator, QueueClient queue, PoisonQueue poison, ScanOptions options, ILogger<ShardQueueWorker>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Raised after each shard is processed.</summary>
    public event Action<ShardOutcome>? ShardProcessed;

    /// <summary>Processes messages until the queue is empty. Returns how many shards were processed.</summary>
    public async Task<int> DrainAsync(int parallelism = 2, CancellationToken cancellationToken = default)
    {
        var processed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Clamp(parallelism, 1, 32), options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
            if (messages.Length == 0)
            {
                if ((await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount == 0)
                {
                    return processed;
                }

                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var outcomes = await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
            processed += outcomes.Count(o => o);
        }

        return processed;
    }

    /// <summary>
    /// Ends the current idle wait of <see cref="RunAsync"/> at once: called when this process queued shards itself,
    /// so a change event's shard does not wait out the idle delay.
    /// </summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Polls the queue until cancelled (local serve mode); idles <paramref name="idleDelay"/> between empty polls unless woken.</summary>
    public async Task RunAsync(int parallelism, TimeSpan idleDelay, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Clamp(parallelism, 1, 32), options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
                if (messages.Length == 0)
                {
                    await _wake.WaitAsync(idleDelay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                PollFailed(_logger, ex);
                await Task.Delay(idleDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Handles one received message. Returns true when a shard was processed.</summary>
    public async Task<bool> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            await poison.MoveAsync(message, $"failed {message.DequeueCount - 1} times (maxDequeueCount {options.MaxDequeueCount})", cancellationToken: cancellationToken).ConfigureAwait(false);
            return false;
        }

        Core.Scans.ScanShard shard;
        try
        {
            shard = ShardMessage.Parse(message.Body.ToString());
        }
        catch (FormatException ex)
        {
            await poison.MoveAsync(message, "malformed shard message: " + ex.Message, cancellationToken: cancellationToken).ConfigureAwait(false);
            return false;
        }

        var popReceipt = message.PopReceipt;
        using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var extender = Task.Run(async () =>
        {
            while (!keepAlive.IsCancellationRequested)
            {
                await Task.Delay(options.VisibilityTimeout / 3, keepAlive.Token).ConfigureAwait(false);
                var receipt = await queue.UpdateMessageAsync(message.MessageId, Volatile.Read(ref popReceipt), visibilityTimeout: options.VisibilityTimeout, cancellationToken: keepAlive.Token).ConfigureAwait(false);
                Volatile.Write(ref popReceipt, receipt.Value.PopReceipt);
            }
        }, keepAlive.Token);
        try
        {
            var outcome = await coordinator.ProcessShardAsync(shard, cancellationToken).ConfigureAwait(false);
            await keepAlive.CancelAsync().ConfigureAwait(false);
            await Quiet(extender).ConfigureAwait(false);
            await queue.DeleteMessageAsync(message.MessageId, Volatile.Read(ref popReceipt), cancellationToken).ConfigureAwait(false);
            ShardProcessed?.Invoke(outcome);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            await keepAlive.CancelAsync().ConfigureAwait(false);
            await Quiet(extender).ConfigureAwait(false);
            ShardFailed(_logger, shard.RunId, shard.Index, message.DequeueCount, ex);
            if (ex is ShardRejectedException || message.DequeueCount >= options.MaxDequeueCount)
            {
                await poison.MoveAsync(message, $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}", Volatile.Read(ref popReceipt), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return false;
        }
    }

    private static async Task Quiet(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is RequestFailedException { Status: 404 or 400 }))
        {
            // The extender stops when the shard ends; a lost receipt means another worker took over.
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Shard {Index} of run {RunId} failed on attempt {Attempt}")]
    private static partial void ShardFailed(ILogger logger, string runId, int index, long attempt, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Polling the shard queue failed")]
    private static partial void PollFailed(ILogger logger, Exception exception);
}

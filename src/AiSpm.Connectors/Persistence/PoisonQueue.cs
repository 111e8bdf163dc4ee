using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// Moves messages that keep failing from a queue to its poison queue <c>&lt;queue&gt;-poison</c> (the Azure Functions
/// host's naming). The poison queue gets a JSON record
/// <c>{ queue, messageId, dequeueCount, insertedOn, reason, movedOn, body, bodyDecoded, bodyTruncated }</c>; the
/// original is deleted only after the record was stored, so a failure at any step leaves the message in one queue at least.
/// </summary>
public sealed partial class PoisonQueue
{
    /// <summary>What a poison queue's name adds to its source queue's name.</summary>
    public const string Suffix = "-poison";

    /// <summary>Most characters of the original body a record keeps, so the record stays under the 64 KiB message limit once base64-encoded.</summary>
    public const int MaxBodyChars = 10_000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ILogger _logger;
    private volatile bool _poisonQueueExists;

    /// <summary>Creates the mover from clients of the source queue and its poison queue.</summary>
    public PoisonQueue(QueueClient source, QueueClient poison, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(poison);
        Source = source;
        Poison = poison;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The queue messages are moved from.</summary>
    public QueueClient Source { get; }

    /// <summary>The queue they are moved to.</summary>
    public QueueClient Poison { get; }

    /// <summary>The poison queue name of <paramref name="queueName"/>.</summary>
    public static string NameFor(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        return queueName + Suffix;
    }

    /// <summary>
    /// Stores a record of <paramref name="message"/> in the poison queue (created when missing), then deletes the
    /// message from the source queue with <paramref name="popReceipt"/> (the message's own when not given).
    /// </summary>
    /// <param name="message">A message received from <see cref="Source"/>, still held by this caller.</param>
    /// <param name="reason">Why the message is poison; kept in the record and the log.</param>
    /// <param name="popReceipt">The newest pop receipt, when the visibility was extended since the receive.</param>
    /// <param name="bodyDecoded">False when the body is the raw text because it was not base64.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>False when the record was stored but another receiver holds the original now (it stays in the source queue).</returns>
    public async Task<bool> MoveAsync(QueueMessage message, string reason, string? popReceipt = null, bool bodyDecoded = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reason);
        if (!_poisonQueueExists)
        {
            await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _poisonQueueExists = true;
        }

        await Poison.SendMessageAsync(Record(message, reason, DateTimeOffset.UtcNow, bodyDecoded), cancellationToken).ConfigureAwait(false);
        try
        {
            await Source.DeleteMessageAsync(message.MessageId, popReceipt ?? message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            DeleteLostOwnership(_logger, message.MessageId, Source.Name, Poison.Name);
            return false;
        }

        MovedToPoison(_logger, message.MessageId, Source.Name, Poison.Name, message.DequeueCount, reason);
        return true;
    }

    /// <summary>
    /// Moves a message the SDK could not decode (not base64) to the poison queue of its queue: the handler of
    /// <see cref="QueueClientOptions.MessageDecodingFailed"/>, as the Functions host does with such messages.
    /// </summary>
    public static async Task MoveUndecodableAsync(QueueMessageDecodingFailedEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.ReceivedMessage is not { } message)
        {
            return; // A peeked message is not held by anyone; the receiver that gets it moves it.
        }

        var poison = args.Queue.GetParentQueueServiceClient().GetQueueClient(NameFor(args.Queue.Name));
        await new PoisonQueue(args.Queue, poison).MoveAsync(message, "the message is not base64 (the encoding the queue trigger expects)", bodyDecoded: false, cancellationToken: args.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON record of a poison message.</summary>
    internal string Record(QueueMessage message, string reason, DateTimeOffset movedOn, bool bodyDecoded)
    {
        var body = message.Body?.ToString() ?? string.Empty;
        var truncated = body.Length > MaxBodyChars;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("queue", Source.Name);
            writer.WriteString("messageId", message.MessageId);
            writer.WriteNumber("dequeueCount", message.DequeueCount);
            if (message.InsertedOn is { } inserted)
            {
                writer.WriteString("insertedOn", inserted);
            }

            writer.WriteString("reason", reason);
            writer.WriteString("movedOn", movedOn);
            writer.WriteString("body", truncated ? body[..MaxBodyChars] : body);
            writer.WriteBoolean("bodyDecoded", bodyDecoded);
            writer.WriteBoolean("bodyTruncated", truncated);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Moved message {MessageId} of queue {Queue} to {PoisonQueue} after {DequeueCount} attempts: {Reason}")]
    private static partial void MovedToPoison(ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount, string reason);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Message {MessageId} was copied to {PoisonQueue} but could not be deleted from {Queue}: another receiver holds it now")]
    private static partial void DeleteLostOwnership(ILogger logger, string messageId, string queue, string poisonQueue);
}

using System.Text.Json;
using AiSpm.Connectors.Persistence;
using AiSpm.Testing;
using Azure.Storage.Queues;

namespace AiSpm.Connectors.Tests.Persistence;

/// <summary>Moving poison messages against a real Azurite through the SDK clients the app uses: nothing is lost.</summary>
public sealed class PoisonQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private async Task<PoisonQueue> NewPoisonQueueAsync()
    {
        var source = azurite.NewQueue("q");
        await source.CreateAsync();
        return new PoisonQueue(source, azurite.Storage.Queue(PoisonQueue.NameFor(source.Name)));
    }

    [Fact]
    public async Task A_message_received_too_often_moves_to_the_poison_queue_with_its_record()
    {
        var poison = await NewPoisonQueueAsync();
        await poison.Source.SendMessageAsync("{\"subscription\":\"42\"} ünïcode");
        var message = (await poison.Source.ReceiveMessagesAsync(1, Hold)).Value.Single();
        for (var i = 0; i < 3; i++)
        {
            await poison.Source.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            message = (await poison.Source.ReceiveMessagesAsync(1, Hold)).Value.Single();
        }

        var moved = await poison.MoveAsync(message, "handler threw InvalidOperationException");

        Assert.True(moved);
        Assert.Equal(4, message.DequeueCount);
        Assert.Empty((await poison.Source.PeekMessagesAsync(32)).Value);
        var stored = (await poison.Poison.ReceiveMessagesAsync(32, Hold)).Value.Single();
        using var record = JsonDocument.Parse(stored.Body.ToString());
        var root = record.RootElement;
        Assert.Equal(poison.Source.Name, root.GetProperty("queue").GetString());
        Assert.Equal(message.MessageId, root.GetProperty("messageId").GetString());
        Assert.Equal(4, root.GetProperty("dequeueCount").GetInt64());
        Assert.Equal("handler threw InvalidOperationException", root.GetProperty("reason").GetString());
        Assert.Equal("{\"subscription\":\"42\"} ünïcode", root.GetProperty("body").GetString());
        Assert.True(root.GetProperty("bodyDecoded").GetBoolean());
        Assert.False(root.GetProperty("bodyTruncated").GetBoolean());
    }

    [Fact]
    public async Task A_message_that_is_not_base64_is_moved_by_the_sdk_decoding_handler_without_loss()
    {
        var poison = await NewPoisonQueueAsync();
        const string raw = "plain text from another sender: <not> base64 & ü";
        var plain = new QueueClient(azurite.ConnectionString, poison.Source.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await plain.SendMessageAsync(raw);

        var received = (await poison.Source.ReceiveMessagesAsync(1, Hold)).Value;

        Assert.Empty(received);
        Assert.Empty((await plain.PeekMessagesAsync(32)).Value);
        var stored = (await poison.Poison.PeekMessagesAsync(32)).Value.Single();
        using var record = JsonDocument.Parse(stored.Body.ToString());
        Assert.Equal(raw, record.RootElement.GetProperty("body").GetString());
        Assert.False(record.RootElement.GetProperty("bodyDecoded").GetBoolean());
    }

    [Fact]
    public async Task A_body_at_the_message_limit_is_kept_truncated_so_the_record_fits()
    {
        var poison = await NewPoisonQueueAsync();
        var body = new string('x', 48 * 1024);
        await poison.Source.SendMessageAsync(body);
        var message = (await poison.Source.ReceiveMessagesAsync(1, Hold)).Value.Single();

        Assert.True(await poison.MoveAsync(message, "too big to handle"));

        var stored = (await poison.Poison.PeekMessagesAsync(1)).Value.Single();
        using var record = JsonDocument.Parse(stored.Body.ToString());
        Assert.Equal(PoisonQueue.MaxBodyChars, record.RootElement.GetProperty("body").GetString()!.Length);
        Assert.True(record.RootElement.GetProperty("bodyTruncated").GetBoolean());
    }

    [Fact]
    public async Task A_message_someone_else_holds_now_stays_in_the_source_and_the_record_is_kept()
    {
        var poison = await NewPoisonQueueAsync();
        await poison.Source.SendMessageAsync("shard");
        var first = (await poison.Source.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value.Single();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        _ = (await poison.Source.ReceiveMessagesAsync(1, Hold)).Value.Single(); // another worker took it over

        var moved = await poison.MoveAsync(first, "stale");

        Assert.False(moved);
        Assert.Single((await poison.Poison.PeekMessagesAsync(32)).Value);
        Assert.Equal(1, (await poison.Source.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}

using System.Net;
using System.Text;
using AiSpm.Connectors.Graph;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace AiSpm.Connectors.Tests.Graph;

public sealed class GraphRawReaderTests
{
    [Fact]
    public async Task A_connection_reset_while_the_body_is_read_is_a_failed_request()
    {
        var reader = Reader(() => new BrokenStream(Encoding.UTF8.GetBytes("{\"value\":[{\"id\":\"1\""), new IOException("Connection reset by peer")));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => reader.GetAsync("v1.0/policies/adminConsentRequestPolicy", CancellationToken.None));

        Assert.Contains("/v1.0/policies/adminConsentRequestPolicy could not be read", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public async Task A_body_that_ends_inside_the_document_is_a_failed_request()
    {
        var reader = Reader(() => new MemoryStream(Encoding.UTF8.GetBytes("{\"value\":[{\"id\":\"1\"")));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => reader.ListAsync("beta/servicePrincipals", CancellationToken.None));

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task Every_page_of_a_list_is_read()
    {
        var calls = 0;
        var reader = Reader(() => ++calls == 1
            ? new MemoryStream(Encoding.UTF8.GetBytes("{\"value\":[{\"id\":\"1\"}],\"@odata.nextLink\":\"https://graph.example/v1.0/things?$skiptoken=2\"}"))
            : new MemoryStream(Encoding.UTF8.GetBytes("{\"value\":[{\"id\":\"2\"},{\"id\":\"3\"}]}")));

        var items = await reader.ListAsync("v1.0/things", CancellationToken.None);

        Assert.Equal(["1", "2", "3"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(2, reader.Calls);
    }

    private static GraphRawReader Reader(Func<Stream> body)
    {
        var http = new HttpClient(new StreamHandler(body));
        return new GraphRawReader(new GraphServiceClient(http, new AnonymousAuthenticationProvider(), "https://graph.example/v1.0"));
    }

    private sealed class StreamHandler(Func<Stream> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(body()) { Headers = { ContentType = new("application/json") } },
                RequestMessage = request,
            });
    }

    /// <summary>A body whose first read returns some bytes and whose next read fails as a dropped connection does.</summary>
    private sealed class BrokenStream(byte[] start, Exception failure) : Stream
    {
        private bool _served;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_served)
            {
                throw failure;
            }

            _served = true;
            var n = Math.Min(count, start.Length);
            Array.Copy(start, 0, buffer, offset, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

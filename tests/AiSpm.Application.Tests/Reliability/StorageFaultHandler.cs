using System.Net;

namespace AiSpm.Application.Tests.Reliability;

/// <summary>
/// The HTTP transport under the storage SDK clients, failing a share of requests before they reach Azurite: 503 and
/// 500 answers, 429 with <c>Retry-After: 0</c>, and connection resets. Faults are injected before the request is sent,
/// so every retried request is one the service never saw; the SDK's retry policy must absorb them all.
/// </summary>
internal sealed class StorageFaultHandler(double probability, int seed) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Random _random = new(seed);
    private int _injected;

    /// <summary>How many faults were injected.</summary>
    public int Injected => Volatile.Read(ref _injected);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int kind;
        lock (_random)
        {
            kind = _random.NextDouble() < probability ? _random.Next(4) : -1;
        }

        if (kind < 0)
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _injected);
        if (kind == 3)
        {
            throw new HttpRequestException("injected: connection reset by peer", new IOException("connection reset"));
        }

        var response = new HttpResponseMessage(kind switch { 0 => HttpStatusCode.ServiceUnavailable, 1 => HttpStatusCode.InternalServerError, _ => HttpStatusCode.TooManyRequests })
        {
            RequestMessage = request,
            Content = new StringContent(string.Empty),
        };
        if (kind == 2)
        {
            response.Headers.Add("Retry-After", "0");
        }

        return Task.FromResult(response);
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace AiSpm.Workflows.Tests;

/// <summary>
/// Starts the in-process Durable Task host on a port the system just gave out: the host's own choice is a random port
/// in 30000–40000, which collides when test classes start hosts in parallel.
/// </summary>
internal static class TestHost
{
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions { Port = port });
    }
}

using AiSpm.Application.Http;
using AiSpm.Core.Scheduling;

namespace AiSpm.Cli.Hosting;

/// <summary>How <c>aispm serve</c> runs.</summary>
public sealed class ServerOptions
{
    /// <summary>Loopback port; 0 picks a free one. The Functions host passes <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Local mode (no Functions host): also serve the HTTP API under <c>/api</c> and the Event Grid webhook, and run
    /// the schedule and the shard-queue poller in this process.
    /// </summary>
    public bool LocalMode { get; set; }

    /// <summary>The key local-mode callers present in <c>x-functions-key</c> or <c>?code=</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The local schedule; null runs no timer.</summary>
    public CronSchedule? Schedule { get; set; }

    /// <summary>Shards processed at once by the local poller.</summary>
    public int PollerParallelism { get; set; } = 4;
}

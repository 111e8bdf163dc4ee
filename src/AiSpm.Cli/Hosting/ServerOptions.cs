
namespace AiSpm.Cli.Hosting;

/// <summary>How <c>aispm serve</c> runs.</summary>
public sealed class ServerOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The key callers present in <c>x-functions-key</c> or <c>?code=</c> on every route.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The local schedule; null runs no timer.</summary>
    public Cronos.CronExpression? Schedule { get; set; }
}

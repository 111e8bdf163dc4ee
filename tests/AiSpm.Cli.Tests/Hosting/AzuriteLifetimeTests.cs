using System.Text;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Hosting;

/// <summary>The Azurite a local run starts for itself dies with it, even when the run is killed with SIGKILL alone.</summary>
public sealed class AzuriteLifetimeTests
{
    /// <summary>Every process below <paramref name="pid"/> (Linux /proc), with its command line.</summary>
    private static IEnumerable<(int Pid, string CommandLine)> Descendants(int pid)
    {
        foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : [])
        {
            var children = File.Exists(Path.Combine(task, "children")) ? File.ReadAllText(Path.Combine(task, "children")) : string.Empty;
            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                var commandLine = File.Exists($"/proc/{child}/cmdline") ? File.ReadAllText($"/proc/{child}/cmdline").Replace('\0', ' ') : string.Empty;
                yield return (child, commandLine);
                foreach (var grandchild in Descendants(child))
                {
                    yield return grandchild;
                }
            }
        }
    }

    private static bool IsStopped(int pid) => File.ReadAllText($"/proc/{pid}/stat").Contains(") T ", StringComparison.Ordinal);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)] // Azurite stopped (SIGSTOP, or SIGTTOU/SIGTTIN under a job-controlling shell) when aispm dies
    [InlineData(true, true)] // and its guard killed first, as a process-tree kill (stop each, then SIGKILL) can do
    public async Task Kill_9_of_aispm_serve_with_its_own_azurite_takes_azurite_down_too(bool azuriteStopped, bool guardKilled)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is how the test finds the processes
        }

        var logs = new StringBuilder();
        var server = await ServeProcess.StartAsync(new Dictionary<string, string>(), logs, "--azurite", "--fixture", "demo-tenant");
        List<int> azurite;
        try
        {
            azurite = Descendants(server.ProcessId).Where(p => p.CommandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase) && !p.CommandLine.Contains("azurite-guard", StringComparison.Ordinal))
                .Select(p => p.Pid).ToList();
            Assert.NotEmpty(azurite);
            if (azuriteStopped)
            {
                using var stop = System.Diagnostics.Process.Start("kill", ["-STOP", .. azurite.Select(pid => pid.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                await stop.WaitForExitAsync();
                Assert.Equal(0, stop.ExitCode);

                // kill(2) only queues the signal; a busy process stops when it next passes its signal check
                var stopDeadline = DateTime.UtcNow.AddSeconds(10);
                while (!azurite.All(IsStopped) && DateTime.UtcNow < stopDeadline)
                {
                    await Task.Delay(20);
                }

                Assert.All(azurite, pid => Assert.True(IsStopped(pid), $"Azurite {pid} did not stop: {File.ReadAllText($"/proc/{pid}/stat")}"));
            }

            if (guardKilled)
            {
                var guards = Descendants(server.ProcessId).Where(p => p.CommandLine.Contains("azurite-guard", StringComparison.Ordinal)).Select(p => p.Pid).ToList();
                Assert.NotEmpty(guards);
                using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", .. guards.Select(pid => pid.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                await kill.WaitForExitAsync();
            }

            await server.KillAsync(entireProcessTree: false); // SIGKILL to aispm alone: none of its shutdown code runs
        }
        finally
        {
            await server.DisposeAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (azurite.Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.All(azurite, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"Azurite {pid} outlived aispm"));
    }
}

using AiSpm.Testing;
using System.Diagnostics;
using System.Reflection.PortableExecutable;

namespace AiSpm.Functions.Tests;

/// <summary>What azd deploys: `dotnet publish` of the Functions app, as the Flex Consumption package is built (ReadyToRun for Linux).</summary>
public sealed class PublishTests
{
    private static string Root() => RepositoryRoot.Path;

    /// <summary>True when the assembly carries precompiled native code (a ReadyToRun header) beside its IL.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    [Fact]
    public async Task Publishing_yields_the_isolated_worker_package()
    {
        var output = Directory.CreateTempSubdirectory("aispm-publish-").FullName;
        try
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root() };
            foreach (var argument in new[] { "publish", "src/AiSpm.Functions", "-c", "Release", "-o", output, "--nologo", "-v", "q" })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, await stdout + await stderr);
            Assert.True(File.Exists(Path.Combine(output, "host.json")));
            Assert.True(File.Exists(Path.Combine(output, "functions.metadata")));
            Assert.True(File.Exists(Path.Combine(output, "AiSpm.Functions.dll")));
            Assert.True(File.Exists(Path.Combine(output, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")), "the host's Durable extension");
            Assert.False(File.Exists(Path.Combine(output, "local.settings.json")));
            Assert.False(File.Exists(Path.Combine(output, "aispm.dll")), "the CLI is not deployed");
            Assert.Empty(Directory.GetFiles(output, "function.json", SearchOption.AllDirectories));
            foreach (var assembly in new[] { "AiSpm.Functions.dll", "AiSpm.Application.dll", "AiSpm.Core.dll", "Azure.Data.Tables.dll" })
            {
                Assert.True(IsReadyToRun(Path.Combine(output, assembly)), $"{assembly} is not precompiled (ReadyToRun)");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

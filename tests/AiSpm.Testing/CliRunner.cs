using AiSpm.Cli.Commands;

namespace AiSpm.Testing;

/// <summary>Runs the real command tree in-process and captures what it writes.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AiSpmCommandLine.InvokeAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}

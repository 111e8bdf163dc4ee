using System.CommandLine;
using AiSpm.Emulator.Cli;

namespace AiSpm.Cli.Commands;

/// <summary>The <c>aispm</c> command tree.</summary>
public static class AiSpmCommandLine
{
    /// <summary>The option that turns escape codes off on every verb (as <c>NO_COLOR</c> does).</summary>
    public const string NoColor = "--no-color";

    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("AiSpm: AI security posture management for Azure and Microsoft 365.")
        {
            DemoCommand.Create(),
            StorageCommand.Create(),
            EmulatorCommand.Create(Emulation.FixtureLocator.Resolve),
            ScanCommand.Create(),
            CollectCommand.Create(),
            ServeCommand.Create(),
            RulesCommand.Create(),
            PolicyCommand.Create(),
            FindingsCommand.Create(),
            InventoryCommand.Create(),
            RotationsCommand.Create(),
            SnapshotCommand.Create(),
            ScanCodeCommand.Create(),
            ExportCommand.Create(),
            VerifyCommand.Create(),
            ReportCommand.Create(),
        };
        root.Options.Add(new Option<bool>(NoColor) { Description = "Write no colours or other escape codes (also: NO_COLOR set, or output not a terminal).", Recursive = true });
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A usage error (unknown verb or option, a missing or malformed argument)
    /// exits 2 with the parser's reasons on standard error, never 1: 1 means findings at the <c>--fail-on</c>
    /// threshold, so a typo in a CI gate must not read as a result.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var parseResult = Create().Parse(args);
        var error = configuration.Error ?? Console.Error;
        if (CliFailure.DebugSettingProblem() is { } debugProblem)
        {
            await error.WriteLineAsync("aispm: " + debugProblem).ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        if (parseResult.Errors.Count == 0)
        {
            return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
        }

        foreach (var problem in parseResult.Errors)
        {
            await error.WriteLineAsync("aispm: " + problem.Message).ConfigureAwait(false);
        }

        await error.WriteLineAsync("See 'aispm --help', or 'aispm <verb> --help'.").ConfigureAwait(false);
        return ExitCodes.ConfigurationError;
    }
}

using System.CommandLine;
using AiSpm.Emulator.Cli;

namespace AiSpm.Cli.Commands;

/// <summary>The <c>aispm</c> command tree.</summary>
public static class AiSpmCommandLine
{
    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("AiSpm: AI security posture management for Azure and Microsoft 365.")
        {
            DemoCommand.Create(),
            StorageCommand.Create(),
            EmulatorCommand.Create(),
            ScanCommand.Create(),
            ServeCommand.Create(),
            RulesCommand.Create(),
            FindingsCommand.Create(),
            RotationsCommand.Create(),
            SnapshotCommand.Create(),
            ScanCodeCommand.Create(),
            ExportCommand.Create(),
            VerifyCommand.Create(),
            ReportCommand.Create(),
        };
        return root;
    }
}

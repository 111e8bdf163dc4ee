using System.CommandLine;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>What a command writes to: a Spectre console over the invocation's output, and its error writer.</summary>
internal sealed class CliContext
{
    private CliContext(IAnsiConsole console, TextWriter error)
    {
        Console = console;
        Error = error;
    }

    public IAnsiConsole Console { get; }

    public TextWriter Error { get; }

    public static CliContext From(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, System.Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(output, System.Console.Out) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = ReferenceEquals(output, System.Console.Out) ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return new CliContext(console, parseResult.InvocationConfiguration.Error);
    }

    /// <summary>Writes the one-line failure and returns its exit code.</summary>
    public int Fail(Exception exception, AiSpm.Connectors.Storage.StorageClients? storage = null)
    {
        var (code, message) = CliFailure.Describe(exception, storage);
        Error.WriteLine($"aispm: {message}");
        return code;
    }
}

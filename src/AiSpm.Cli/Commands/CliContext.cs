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
        var styled = StyledOutput(parseResult, output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = styled ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = styled ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = styled ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return new CliContext(console, parseResult.InvocationConfiguration.Error);
    }

    /// <summary>
    /// Escape codes (colour, bold, progress redraws) only on an interactive terminal: never when the output is a file or
    /// a pipe, when <c>NO_COLOR</c> is set to anything, when <c>TERM=dumb</c>, or with <c>--no-color</c>.
    /// </summary>
    public static bool StyledOutput(ParseResult parseResult, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)
            && !parseResult.GetValue<bool>(AiSpmCommandLine.NoColor);
    }

    /// <summary>Writes the one-line failure and returns its exit code.</summary>
    public int Fail(Exception exception, AiSpm.Connectors.Storage.StorageClients? storage = null)
    {
        var (code, message) = CliFailure.Describe(exception, storage);
        Error.WriteLine($"aispm: {message}");
        return code;
    }
}

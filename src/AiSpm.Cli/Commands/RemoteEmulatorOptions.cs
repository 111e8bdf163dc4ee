using System.CommandLine;
using System.CommandLine.Parsing;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>--emulator-url</c> and <c>--emulator-thumbprint</c>: a tenant emulator running in its own process (<c>aispm emulator
/// serve</c>), reached over https on this machine and trusted by its certificate's thumbprint alone.
/// </summary>
internal sealed class RemoteEmulatorOptions
{
    /// <summary>Creates the two options; <paramref name="purpose"/> says what the verb does with the emulator.</summary>
    public RemoteEmulatorOptions(string purpose)
    {
        Url = new Option<string?>("--emulator-url") { Description = $"{purpose} a tenant emulator running in its own process (aispm emulator serve) at this https loopback address; needs --emulator-thumbprint." };
        Thumbprint = new Option<string?>("--emulator-thumbprint") { Description = "The SHA-256 thumbprint of that emulator's certificate (the only certificate trusted for it)." };
    }

    /// <summary>The emulator's address.</summary>
    public Option<string?> Url { get; }

    /// <summary>Its certificate's thumbprint.</summary>
    public Option<string?> Thumbprint { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Thumbprint);
    }

    /// <summary>One error when only one of the two is given or the address is not https on this machine.</summary>
    public void Validate(CommandResult result)
    {
        var url = result.GetValue(Url);
        if (string.IsNullOrWhiteSpace(url) != string.IsNullOrWhiteSpace(result.GetValue(Thumbprint)))
        {
            result.AddError("--emulator-url and --emulator-thumbprint go together.");
        }
        else if (!string.IsNullOrWhiteSpace(url) && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps && parsed.IsLoopback))
        {
            result.AddError($"--emulator-url must be an https address on this machine (e.g. https://127.0.0.1:5443/), not '{url}'.");
        }
    }

    /// <summary>True when the emulator was named.</summary>
    public bool IsGiven(CommandResult result) => !string.IsNullOrWhiteSpace(result.GetValue(Url));

    /// <summary>The emulator named on the command line, or null.</summary>
    public (Uri Url, string Thumbprint)? Target(ParseResult parseResult) =>
        parseResult.GetValue(Url) is { Length: > 0 } url ? (new Uri(url), parseResult.GetValue(Thumbprint)!) : null;
}

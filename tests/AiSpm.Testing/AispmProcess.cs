using System.Diagnostics;

namespace AiSpm.Testing;

/// <summary>The built <c>aispm</c> executable as a child process, as a user runs it: output and error redirected.</summary>
public static class AispmProcess
{
    /// <summary>How to start <c>aispm <paramref name="arguments"/></c> from the test's output folder.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aispm.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}

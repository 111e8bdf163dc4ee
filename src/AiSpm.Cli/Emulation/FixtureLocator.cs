namespace AiSpm.Cli.Emulation;

/// <summary>Finds fixture folders: an explicit path, or a name under <c>fixtures/</c> found upward from the working or application directory.</summary>
public static class FixtureLocator
{
    /// <summary>The folder, or an exception naming what was looked for.</summary>
    /// <exception cref="DirectoryNotFoundException">No such fixture.</exception>
    public static string Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (Directory.Exists(nameOrPath))
        {
            return Path.GetFullPath(nameOrPath);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "fixtures", nameOrPath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"Fixture '{nameOrPath}' is neither a folder nor a name under fixtures/.");
    }
}

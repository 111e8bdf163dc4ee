using AiSpm.Testing;
using AiSpm.Cli.Emulation;
using System.Text.Json;
using AiSpm.Cli.Commands;
using AiSpm.Application.Scanning;

namespace AiSpm.Cli.Tests.Commands;

public sealed class ScanCodeCommandTests
{
    private const string AnthropicKey = "sk-ant-api03-bH3LabA-zYQ4920iKiHxVyu3khYHVfWHhL7pOns3hLT79mFKa9VrOZ9R_8m09GkcriJbMSGnnLhXQEQE-dIhbAIVSn0e7AA";

    [Fact]
    public async Task Finds_keys_in_files_skips_git_and_binaries_and_exits_one()
    {
        var root = Directory.CreateTempSubdirectory("aispm-code-").FullName;
        try
        {
            File.Copy(Path.Combine(FixtureLocator.Resolve("demo-tenant"), "arm", "appSettings.json"), Path.Combine(root, "settings.json"));
            await File.WriteAllTextAsync(Path.Combine(root, "client.py"), $"ANTHROPIC_API_KEY = \"{AnthropicKey}\"\n");
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            await File.WriteAllTextAsync(Path.Combine(root, ".git", "ignored.txt"), AnthropicKey);
            await File.WriteAllBytesAsync(Path.Combine(root, "blob.bin"), [0, 1, 2, .. System.Text.Encoding.ASCII.GetBytes(AnthropicKey)]);

            var (exitCode, output, _) = await CliRunner.RunAsync("scan-code", root, "--json");
            var matches = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

            Assert.Equal(ExitCodes.FindingsAtThreshold, exitCode);
            Assert.Contains(matches, m => m.GetProperty("file").GetString() == "client.py" && m.GetProperty("detector").GetString() == "anthropic-api-key" && m.GetProperty("line").GetInt32() == 1);
            Assert.Contains(matches, m => m.GetProperty("file").GetString() == "settings.json");
            Assert.DoesNotContain(matches, m => m.GetProperty("file").GetString()!.Contains(".git", StringComparison.Ordinal) || m.GetProperty("file").GetString() == "blob.bin");
            Assert.DoesNotContain(AnthropicKey[8..^8], output, StringComparison.Ordinal);
            DocumentedContract.AssertJsonShape("aispm scan-code --json", matches);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_clean_tree_exits_zero_and_a_missing_path_is_a_configuration_error()
    {
        var root = Directory.CreateTempSubdirectory("aispm-clean-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "README.md"), "OPENAI_API_KEY=<your-key>\n");

        var (clean, _, _) = await CliRunner.RunAsync("scan-code", root);
        var (missing, _, error) = await CliRunner.RunAsync("scan-code", Path.Combine(root, "nope"));
        Directory.Delete(root, recursive: true);

        Assert.Equal(ExitCodes.Success, clean);
        Assert.Equal(ExitCodes.ConfigurationError, missing);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}

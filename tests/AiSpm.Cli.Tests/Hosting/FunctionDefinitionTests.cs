using System.Text.Json;
using AiSpm.Application.Functions;

namespace AiSpm.Cli.Tests.Hosting;

public sealed class FunctionDefinitionTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiSpmFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Every_function_has_a_definition_and_every_definition_a_handler()
    {
        var folder = Path.Combine(Root(), "src", "AiSpm.Cli", "FunctionDefinitions");
        var defined = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)!).Order().ToList();
        var handled = typeof(FunctionNames).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

        Assert.Equal(handled, defined);
    }

    [Fact]
    public void Http_functions_use_function_keys_and_envelope_mode()
    {
        foreach (var name in FunctionNames.Http)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "src", "AiSpm.Cli", "FunctionDefinitions", name, "function.json")));
            var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().ToList();

            var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Equal("function", trigger.GetProperty("authLevel").GetString());
            Assert.Equal("req", trigger.GetProperty("name").GetString());
            Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("name").GetString() == "res");
        }
    }

    [Fact]
    public void Host_json_runs_aispm_serve_without_http_routes_and_with_the_shard_queue_settings()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");

        Assert.Equal("aispm", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("serve", handler.GetProperty("description").GetProperty("arguments")[0].GetString());
        Assert.False(handler.TryGetProperty("http", out _));
        Assert.False(host.RootElement.TryGetProperty("configurationProfile", out _));
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("base64", host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
    }
}

using AiSpm.Connectors.Storage;
using AiSpm.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Tests.Configuration;

public sealed class StorageOptionsTests
{
    private static StorageOptions Bind(Dictionary<string, string?> values)
    {
        var options = new StorageOptions();
        StorageOptionsBinder.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), options);
        return options;
    }

    [Fact]
    public void Connection_string_form_validates()
    {
        var options = Bind(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Identity_form_reads_the_host_style_child_settings()
    {
        var options = Bind(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            ["AzureWebJobsStorage:clientId"] = "1b1c6f1e-0000-4000-8000-000000000001",
        });

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("1b1c6f1e-0000-4000-8000-000000000001", options.ClientId);
    }

    [Fact]
    public void Nothing_configured_says_what_to_set()
    {
        var result = new StorageOptionsValidator().Validate(null, Bind([]));

        Assert.True(result.Failed);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("UseDevelopmentStorage=true", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_prefix_is_named()
    {
        var result = new StorageOptionsValidator().Validate(null, Bind(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["AzureWebJobsStorage:tablePrefix"] = "ai-spm" }));

        Assert.True(result.Failed);
        Assert.Contains("tablePrefix", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_uri_endpoint_is_named()
    {
        var error = Assert.Throws<StorageConfigurationException>(() => Bind(new() { ["AzureWebJobsStorage:tableServiceUri"] = "not a uri" }));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_local_settings_names_the_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "local.settings.json"), "{\n \"Values\": {\n  \"AzureWebJobsStorage\": \n}");

        var error = Assert.Throws<InvalidOperationException>(() => AppConfiguration.Build(dir.FullName));

        Assert.Contains("local.settings.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }
}

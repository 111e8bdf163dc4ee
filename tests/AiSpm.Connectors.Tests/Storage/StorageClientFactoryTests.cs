using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiSpm.Connectors.Storage;
using Azure;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Connectors.Tests.Storage;

public sealed class StorageClientFactoryTests
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static StorageOptions Bind(Dictionary<string, string?> values)
    {
        var options = new StorageOptions();
        StorageOptionsBinder.Bind(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), options);
        return options;
    }

    [Fact]
    public void Development_storage_reaches_azurite_on_its_default_ports_with_the_shared_key()
    {
        var clients = StorageClientFactory.Create(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", clients.Endpoint.TrimEnd('/'));
        Assert.Equal(10001, clients.Queues.Uri.Port);
        Assert.True(clients.UsesAccountKey);
    }

    [Fact]
    public void Account_name_alone_gives_public_cloud_endpoints_for_identity_based_access()
    {
        var options = Bind(new() { ["AzureWebJobsStorage:accountName"] = "aispmdata", ["AzureWebJobsStorage:credential"] = "managedidentity", ["AzureWebJobsStorage:clientId"] = "1b1c6f1e-0000-4000-8000-000000000001" });

        var clients = StorageClientFactory.Create(options);

        Assert.Equal(new Uri("https://aispmdata.table.core.windows.net/"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://aispmdata.queue.core.windows.net/"), clients.Queues.Uri);
        Assert.False(clients.UsesAccountKey);
    }

    [Theory]
    [InlineData("AccountName=x;DefaultEndpointsProtocol=https", "AccountKey")]
    [InlineData("this is not a connection string", "AzureWebJobsStorage")]
    public void A_malformed_connection_string_names_the_setting(string connectionString, string expected)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => StorageClientFactory.Create(new StorageOptions { ConnectionString = connectionString }));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_key_is_reported_without_echoing_the_string()
    {
        const string secretish = "Zm9vYmFyYmF6cXV4";
        var problem = StorageClientFactory.ConnectionStringProblem($"DefaultEndpointsProtocol=https;AccountName=x;AccountKey={secretish}!!;EndpointSuffix=core.windows.net;Bogus");

        Assert.DoesNotContain(secretish, problem ?? string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tableServiceUri", "http://acct.table.core.windows.net")]
    [InlineData("credential", "clientsecret")]
    [InlineData("accountName", "Not_An_Account")]
    public void Identity_settings_are_checked_and_the_bad_one_is_named(string key, string value)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net",
            [$"AzureWebJobsStorage:{key}"] = value,
        };

        var error = Assert.Throws<StorageConfigurationException>(() => StorageClientFactory.Create(Bind(values)));

        Assert.Contains($"AzureWebJobsStorage__{key}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData("301")]
    public void The_timeout_setting_is_parsed_strictly(string value)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => Bind(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", [StorageOptions.TimeoutSettingName] = value }));

        Assert.Contains(StorageOptions.TimeoutSettingName, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_accepts_connections_but_never_answers_fails_within_the_documented_bound()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                accepted.Add(await listener.AcceptTcpClientAsync());
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
            NetworkTimeout = TimeSpan.FromSeconds(1),
        };
        var clients = StorageClientFactory.Create(options);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => clients.Tables.CreateTableIfNotExistsAsync("Hangs"));

        watch.Stop();
        Assert.True(watch.Elapsed <= StorageClientFactory.MaxWait(options.NetworkTimeout) + TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3), $"gave up after {watch.Elapsed}, before retrying");
        Assert.True(error is AggregateException or OperationCanceledException or RequestFailedException, error.GetType().Name);
        Assert.True(accepted.Count >= 1);
    }
}

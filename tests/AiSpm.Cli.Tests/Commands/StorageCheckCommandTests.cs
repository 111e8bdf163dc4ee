using System.Net;
using System.Net.Sockets;
using AiSpm.Cli.Commands;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Commands;

public sealed class StorageCheckCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Creates_tables_and_queues_on_a_reachable_account()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("storage", "check", "--connection-string", azurite.ConnectionString);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Empty(error);
        Assert.Contains("table Findings", output, StringComparison.Ordinal);
        Assert.Contains("queue aispm-resource-events", output, StringComparison.Ordinal);
        Assert.Contains("Storage OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_names_the_setting_and_what_is_missing()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("storage", "check", "--connection-string", "AccountName=x;DefaultEndpointsProtocol=https");

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.Contains("AzureWebJobsStorage", error, StringComparison.Ordinal);
        Assert.Contains("AccountKey", error, StringComparison.Ordinal);
        AssertNoStackTrace(error);
    }

    [Fact]
    public async Task An_unreachable_endpoint_names_the_endpoint_and_the_cause()
    {
        var port = FreePort();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnectionStringKey};" +
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1";

        var (exitCode, _, error) = await CliRunner.RunAsync("storage", "check", "--connection-string", connection);

        Assert.Equal(ExitCodes.ServiceError, exitCode);
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains("connection refused", error, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", error, StringComparison.Ordinal);
        AssertNoStackTrace(error);
    }

    [Fact]
    public async Task A_wrong_key_is_reported_as_access_denied_without_the_key()
    {
        var wrongKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 64).ToArray());
        var connection = azurite.ConnectionString.Replace(StorageConnectionStringKey, wrongKey, StringComparison.Ordinal);

        var (exitCode, _, error) = await CliRunner.RunAsync("storage", "check", "--connection-string", connection);

        Assert.Equal(ExitCodes.ServiceError, exitCode);
        Assert.Contains("403", error, StringComparison.Ordinal);
        Assert.Contains("account key", error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error, StringComparison.Ordinal);
        AssertNoStackTrace(error);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_is_one_line_naming_the_setting_and_the_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await listener.AcceptTcpClientAsync());
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var storage = AiSpm.Connectors.Storage.StorageClientFactory.Create(new AiSpm.Connectors.Storage.StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={StorageConnectionStringKey};" +
                $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
            NetworkTimeout = TimeSpan.FromSeconds(1),
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => storage.EnsureCreatedAsync());
        var (exitCode, message) = CliFailure.Describe(failure, storage);

        Assert.Equal(ExitCodes.ServiceError, exitCode);
        Assert.Contains("did not answer", message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", message, StringComparison.Ordinal);
        Assert.Contains("AISPM_STORAGE_TIMEOUT_SECONDS", message, StringComparison.Ordinal);
        AssertNoStackTrace(message);
    }

    [Fact]
    public void An_http_answer_or_an_unreachable_service_that_is_not_storage_does_not_blame_storage()
    {
        var (answeredCode, answered) = CliFailure.Describe(new HttpRequestException("Response status code does not indicate success: 410 (Gone).", null, HttpStatusCode.Gone));
        var (unreachableCode, unreachable) = CliFailure.Describe(new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));

        Assert.Equal((ExitCodes.ServiceError, ExitCodes.ServiceError), (answeredCode, unreachableCode));
        Assert.Contains("410 Gone", answered, StringComparison.Ordinal);
        Assert.DoesNotContain("storage", answered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AzureWebJobsStorage", unreachable, StringComparison.Ordinal);
        Assert.Contains("connection refused", unreachable, StringComparison.Ordinal);
    }

    private const string StorageConnectionStringKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static void AssertNoStackTrace(string text) => Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

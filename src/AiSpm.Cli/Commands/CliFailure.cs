using System.Net.Sockets;
using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace AiSpm.Cli.Commands;

/// <summary>
/// Turns an exception into one line a user can act on (which setting, what cause) and an exit code.
/// Stack traces are never shown; <c>AISPM_DEBUG=true</c> adds the exception type for bug reports.
/// </summary>
public static class CliFailure
{
    /// <summary>The environment variable that adds the exception type to error lines: <c>true</c> or <c>false</c>.</summary>
    public const string DebugSetting = "AISPM_DEBUG";

    /// <summary>The problem with <c>AISPM_DEBUG</c>'s value, naming it; null when it is unset, <c>true</c> or <c>false</c>.</summary>
    public static string? DebugSettingProblem() => Environment.GetEnvironmentVariable(DebugSetting) is { } value && value.Trim() is not ("" or "true" or "false")
        ? $"'{DebugSetting}' must be true or false, not '{value}'."
        : null;

    /// <summary>The message and exit code for <paramref name="exception"/>, given the endpoint that was being used.</summary>
    public static (int ExitCode, string Message) Describe(Exception exception, StorageClients? account = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
        {
            // Azure.Core's retry policy gives up with every attempt's failure; the first says it all.
            return Describe(aggregate.InnerExceptions[0], account);
        }

        var setting = StorageOptions.SettingName;
        var (code, message) = exception switch
        {
            StorageConfigurationException e => (ExitCodes.ConfigurationError, e.Message),
            OperationCanceledException e when e.Message.Contains("NetworkTimeout", StringComparison.Ordinal) => (ExitCodes.ServiceError,
                $"Storage at {Endpoint(account)} did not answer in time (setting '{setting}'; each attempt waits {StorageOptions.TimeoutSettingName} seconds, {StorageClientFactory.MaxRetries} retries)."),
            OptionsValidationException e => (ExitCodes.ConfigurationError, string.Join(" ", e.Failures)),
            AzuriteUnavailableException e => (ExitCodes.PrerequisiteMissing, e.Message),
            AuthenticationFailedException e when account?.UsesAccountKey == true => (ExitCodes.ServiceError,
                $"Could not get an Azure token (DefaultAzureCredential, for Resource Manager and Microsoft Graph; storage uses its key): {FirstLine(e.Message)} Sign in with 'az login', or set AZURE_CLIENT_ID for a managed identity."),
            AuthenticationFailedException e => (ExitCodes.ServiceError, $"Could not get an Azure token (DefaultAzureCredential, for storage '{setting}', Resource Manager and Microsoft Graph): {FirstLine(e.Message)} Sign in with 'az login', or set AZURE_CLIENT_ID for a managed identity."),
            RequestFailedException { Status: 0 } e => (ExitCodes.ServiceError, $"Cannot reach storage at {Endpoint(account)} (setting '{setting}'): {RootCause(e)}."),
            RequestFailedException { Status: 403 } e => (ExitCodes.ServiceError,
                $"Storage at {Endpoint(account)} refused access (403 {e.ErrorCode}) (setting '{setting}'): " +
                (account?.UsesAccountKey == true ? "the account key is wrong or the account disallows account-key access." : "the identity lacks the Storage Table/Queue Data Contributor role.")),
            RequestFailedException { Status: 404 } e when account is not null => (ExitCodes.ServiceError, $"Storage at {Endpoint(account)} answered 404 {e.ErrorCode} (setting '{setting}'): check the account name and endpoint."),
            RequestFailedException e => (ExitCodes.ServiceError, $"Storage request failed ({e.Status} {e.ErrorCode}) (setting '{setting}'): {FirstLine(e.Message)}"),
            HttpRequestException { StatusCode: { } status } e => (ExitCodes.ServiceError, $"A service answered {(int)status} {status}: {FirstLine(e.Message)}"),
            HttpRequestException e when account is null => (ExitCodes.ServiceError, $"A service could not be reached: {RootCause(e)}."),
            HttpRequestException e => (ExitCodes.ServiceError, $"Cannot reach {Endpoint(account)} (setting '{setting}'): {RootCause(e)}."),
            InvalidOperationException e when e.Message.Contains("local.settings.json", StringComparison.Ordinal) || e.Message.Contains("__", StringComparison.Ordinal) => (ExitCodes.ConfigurationError, e.Message),
            OperationCanceledException => (ExitCodes.UnexpectedError, "Cancelled."),
            _ => (ExitCodes.UnexpectedError, $"Unexpected error: {FirstLine(exception.Message)}"),
        };
        if (Environment.GetEnvironmentVariable(DebugSetting)?.Trim() == "true")
        {
            message += $" [{exception.GetType().FullName}]";
        }

        return (code, message);
    }

    private static string Endpoint(StorageClients? account) => account is null ? "the storage endpoint" : account.Endpoint;

    private static string RootCause(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner switch
        {
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (is the service running on that port?)",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "the host name does not resolve",
            SocketException s => s.SocketErrorCode.ToString(),
            _ => FirstLine(inner.Message),
        };
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}

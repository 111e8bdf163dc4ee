using System.CommandLine;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm storage check</c>: validates the storage settings, reaches the account and creates AiSpm's tables.</summary>
internal static class StorageCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection-string") { Description = "A storage connection string; overrides the AzureWebJobsStorage setting." };
        var check = new Command("check", "Check the storage settings, reach the account, and create AiSpm's tables and queues if missing.") { connection };
        check.SetAction((parseResult, cancellationToken) => CheckAsync(parseResult, parseResult.GetValue(connection), cancellationToken));
        return new Command("storage", "Storage account commands.") { check };
    }

    private static async Task<int> CheckAsync(ParseResult parseResult, string? connectionString, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        StorageClients? storage = null;
        try
        {
            await using var services = InstallationServices.Build(InstallationServices.StorageOverrides(connectionString));
            storage = services.GetRequiredService<StorageClients>();
            await storage.EnsureCreatedAsync((kind, name, created) => cli.Console.MarkupLineInterpolated($"{kind} {name}: {(created ? "created" : "present")}"), cancellationToken).ConfigureAwait(false);
            cli.Console.MarkupLineInterpolated($"Storage OK: account '{storage.Tables.AccountName}' at {storage.Endpoint} ({(storage.UsesAccountKey ? "account key" : "token credential")}).");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return cli.Fail(ex, storage);
        }
    }
}

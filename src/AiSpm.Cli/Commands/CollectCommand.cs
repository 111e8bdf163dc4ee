using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Graph;
using AiSpm.Connectors.Storage;
using AiSpm.Application.Imports;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Policy;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm collect copilot-admin</c>: an administrator reads, with a delegated sign-in, what Microsoft Graph serves to
/// signed-in users only (the Copilot admin settings and catalogue) and stores it in the installation's storage with
/// who and when, for scheduled (app-only) scans to evaluate. The user's token stays in the credential, in memory.
/// </summary>
internal static class CollectCommand
{
    /// <summary>The public client the device code sign-in uses by default: Microsoft Graph Command Line Tools.</summary>
    public const string DefaultClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

    public static Command Create() => new("collect", "Collect what an app-only scan cannot read, as a signed-in administrator, into the installation's storage.")
    {
        CopilotAdmin(),
    };

    private static Command CopilotAdmin()
    {
        var credential = new Option<string>("--credential") { Description = "How to sign in: devicecode (a code to enter at microsoft.com/devicelogin) or azurecli (the account of 'az login').", DefaultValueFactory = _ => "devicecode" };
        var tenant = new Option<string?>("--tenant-id") { Description = "The tenant to sign in to (device code: default 'organizations'; azurecli: the CLI's)." };
        var clientId = new Option<string?>("--client-id") { Description = $"The public client app of the device code sign-in; default Microsoft Graph Command Line Tools ({DefaultClientId})." };
        var connection = new Option<string?>("--connection-string") { Description = "Storage connection string; default: the AzureWebJobsStorage setting." };
        var prefix = new Option<string?>("--table-prefix") { Description = "Table prefix of the installation; default: the AzureWebJobsStorage__tablePrefix setting." };
        var emulator = new RemoteEmulatorOptions("Instead of Microsoft Graph, read from");
        var emulatorUser = new Option<string>("--emulator-user") { Description = "Who signs in to the emulator.", DefaultValueFactory = _ => "admin@contoso.example" };
        var json = new Option<bool>("--json") { Description = "Print the import's summary as JSON." };
        var command = new Command("copilot-admin", "Import the Copilot admin settings (Teams meetings limited mode) and the Copilot catalogue, readable with delegated permissions only (CopilotSettings-LimitedMode.Read, CopilotPackages.Read.All).")
        {
            credential, tenant, clientId, connection, prefix, emulatorUser, json,
        };
        emulator.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(credential) is { } chosen && chosen is not ("devicecode" or "azurecli"))
            {
                result.AddError($"--credential must be devicecode or azurecli, not '{chosen}'.");
            }

            if (result.GetValue(clientId) is { } id && !Guid.TryParse(id, out _))
            {
                result.AddError($"--client-id must be an application (client) id (GUID), not '{id}'.");
            }

            if (result.GetValue(emulatorUser) is { } user && (string.IsNullOrWhiteSpace(user) || !user.Contains('@', StringComparison.Ordinal)))
            {
                result.AddError($"--emulator-user must be a user principal name (user@domain), not '{user}'.");
            }

            emulator.Validate(result);
        });
        command.SetAction(async (p, ct) =>
        {
            var cli = CliContext.From(p);
            StorageClients? storage = null;
            try
            {
                await using var services = InstallationServices.Build(InstallationServices.StorageOverrides(p.GetValue(connection), p.GetValue(prefix)));
                storage = services.GetRequiredService<StorageClients>();
                var maxAge = services.GetRequiredService<ScanPolicy>().Settings.CopilotImportMaxAgeDays;
                var graph = emulator.Target(p) is { } remote
                    ? (await RemoteTenant.ConnectAsync(remote.Url, remote.Thumbprint, ct).ConfigureAwait(false)).ConnectGraphAs(p.GetValue(emulatorUser)!)
                    : SignIn(p.GetValue(credential)!, p.GetValue(tenant), p.GetValue(clientId), cli.Error);
                await storage.EnsureCreatedAsync(cancellationToken: ct).ConfigureAwait(false);
                var (import, stored) = await services.GetRequiredService<CopilotAdminImporter>().ImportAsync(graph, ct).ConfigureAwait(false);
                if (!stored)
                {
                    await cli.Error.WriteLineAsync($"aispm: nothing imported; signed in as {import.ImportedBy}, Microsoft Graph gave neither part: {string.Join("; ", import.NotRead)}. " +
                        "The user needs a Copilot admin role (e.g. AI Administrator or Global Reader) and consent to CopilotSettings-LimitedMode.Read and CopilotPackages.Read.All (docs/copilot.md).").ConfigureAwait(false);
                    return ExitCodes.ServiceError;
                }

                await WriteAsync(p, cli, import, maxAge, p.GetValue(json)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (CopilotAdminReadException ex)
            {
                await cli.Error.WriteLineAsync("aispm: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.ServiceError;
            }
            catch (Microsoft.Kiota.Abstractions.ApiException ex)
            {
                await cli.Error.WriteLineAsync($"aispm: Microsoft Graph answered {ex.ResponseStatusCode}: {ex.Message.Split('\n')[0].Trim()} Nothing was imported.").ConfigureAwait(false);
                return ExitCodes.ServiceError;
            }
            catch (Exception ex) when (ex is AuthenticationFailedException or CredentialUnavailableException)
            {
                await cli.Error.WriteLineAsync($"aispm: the sign-in failed: {ex.Message.Split('\n')[0].Trim()}").ConfigureAwait(false);
                return ExitCodes.ServiceError;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return cli.Fail(ex, storage);
            }
        });
        return command;
    }

    /// <summary>The delegated Graph client: a device code sign-in (the code goes to standard error) or the Azure CLI's account.</summary>
    private static Microsoft.Graph.GraphServiceClient SignIn(string credential, string? tenant, string? clientId, TextWriter error)
    {
        TokenCredential signIn = credential == "azurecli"
            ? new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenant })
            : new DeviceCodeCredential(new DeviceCodeCredentialOptions
            {
                TenantId = tenant ?? "organizations",
                ClientId = clientId ?? DefaultClientId,
                DeviceCodeCallback = (code, _) => error.WriteLineAsync(code.Message),
            });
        // The Azure CLI hands out tokens for a resource (.default); a device code sign-in asks for exactly what the import reads.
        return GraphClients.Create(signIn, scopes: credential == "azurecli" ? [GraphClients.DefaultScope] : [.. CopilotAdminReader.Scopes]);
    }

    private static async Task WriteAsync(ParseResult p, CliContext cli, CopilotAdminImport import, int maxAgeDays, bool json)
    {
        var usableUntil = import.ImportedAt.AddDays(maxAgeDays);
        if (json)
        {
            await p.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                id = import.Id,
                importedAt = import.ImportedAt,
                importedBy = import.ImportedBy,
                limitedMode = import.LimitedMode is not null,
                packages = import.Packages?.Count,
                notRead = import.NotRead,
                usableUntil,
            }, CliJson.Options)).ConfigureAwait(false);
            return;
        }

        cli.Console.WriteLine($"Signed in as {import.ImportedBy}; import {import.Id} stored.");
        cli.Console.WriteLine(import.LimitedMode is { } mode
            ? $"  Teams meetings limited mode: read (isEnabledForGroup {(mode.TryGetProperty("isEnabledForGroup", out var e) ? e.GetRawText() : "?")})"
            : $"  Teams meetings limited mode: not read ({import.NotReadReason(CopilotAdminImport.LimitedModePart)})");
        cli.Console.WriteLine(import.Packages is { } packages
            ? $"  Copilot catalogue: {packages.Count} packages"
            : $"  Copilot catalogue: not read ({import.NotReadReason(CopilotAdminImport.PackagesPart)})");
        cli.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scheduled scans evaluate AISPM-2032 and AISPM-2033 from it until {usableUntil:yyyy-MM-dd} (copilotImportMaxAgeDays {maxAgeDays}); after that they answer Unknown until the next import."));
    }
}

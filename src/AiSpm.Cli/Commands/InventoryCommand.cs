using System.CommandLine;
using System.Text.Json;
using AiSpm.Application.Outputs;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm inventory</c>: the stored AI inventory of an installation, every class or one (as GET /api/inventory).</summary>
internal static class InventoryCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection-string") { Description = "Storage connection string; default: the AzureWebJobsStorage setting." };
        var kind = new Option<string?>("--kind") { Description = "Only this class: " + string.Join(", ", AssetClassNames.All) + "." };
        var subscription = new Option<string?>("--subscription") { Description = "Only the Azure assets of this subscription id." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of a table." };
        var prefix = new Option<string?>("--table-prefix") { Description = "Table prefix of the installation; default: the AzureWebJobsStorage__tablePrefix setting." };
        var command = new Command("inventory", "List the stored AI inventory: Azure AI resources, AI apps, Copilot packages, agent identities and blueprints, key consumers.")
        {
            connection, kind, subscription, json, prefix,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(kind) is { } k && !AssetClassNames.TryParse(k, out _))
            {
                result.AddError($"--kind must be one of {string.Join(", ", AssetClassNames.All)}, not '{k}'.");
            }

            if (result.GetValue(subscription) is { } s && !Guid.TryParse(s, out _))
            {
                result.AddError($"--subscription must be a subscription id (GUID), not '{s}'.");
            }
        });
        command.SetAction(async (p, ct) =>
        {
            var cli = CliContext.From(p);
            StorageClients? account = null;
            try
            {
                AssetClass? only = AssetClassNames.TryParse(p.GetValue(kind), out var parsed) ? parsed : null;
                var scope = p.GetValue(subscription) is { } s ? FindingScope.ForSubscription(s) : null;
                await using var services = InstallationServices.Build(InstallationServices.StorageOverrides(p.GetValue(connection), p.GetValue(prefix)));
                account = services.GetRequiredService<StorageClients>();
                var listed = await services.GetRequiredService<IAssetStore>().ListAsync(scope, ct)
                    .Where(a => only is null || a.Class == only).ToListAsync(ct).ConfigureAwait(false);
                var entries = listed.Select(InventoryEntry.Of).OrderBy(e => AssetClassNames.All.ToList().IndexOf(e.Kind)).ThenBy(e => e.Id, StringComparer.OrdinalIgnoreCase).ToList();
                if (p.GetValue(json))
                {
                    foreach (var entry in entries)
                    {
                        await p.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(entry, CliJson.Options)).ConfigureAwait(false);
                    }

                    return ExitCodes.Success;
                }

                var table = new Table().AddColumn("Kind").AddColumn("Name").AddColumn("Type").AddColumn("Scope").AddColumn("Last seen");
                foreach (var entry in entries)
                {
                    table.AddRow(entry.Kind, Markup.Escape(entry.Name), Markup.Escape(entry.ResourceKind is null ? entry.Type : $"{entry.Type} ({entry.ResourceKind})"), Markup.Escape(entry.Scope),
                        entry.LastSeen?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }

                cli.Console.Write(table);
                cli.Console.WriteLine(entries.Count == 0
                    ? "No inventory yet: run a scan first."
                    : $"{entries.Count} assets: " + string.Join(", ", entries.GroupBy(e => e.Kind).Select(g => $"{g.Count()} {g.Key}")) + ".");
                return ExitCodes.Success;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                cli.Console.WriteLine("No inventory yet: this installation has no assets table (run a scan, or aispm storage check).");
                return ExitCodes.Success;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return cli.Fail(ex, account);
            }
        });
        return command;
    }
}

using AiSpm.Cli.Emulation;
using System.CommandLine;
using System.Text.Json;
using AiSpm.Application.Configuration;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Application.Scanning;
using Azure;
using Azure.Identity;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm snapshot --out DIR</c>: captures a tenant's Azure AI estate as a fixture folder (raw API JSON in the
/// emulator's layout) for offline assessment with <c>aispm scan --fixture DIR</c>. Read-only calls only; no key or
/// secret is read (no listKeys, no app settings).
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder to write (must be empty or new).", Required = true };
        var fixture = new Option<string?>("--fixture") { Description = "Capture a fixture tenant through the emulator instead of Azure (for trying the verb)." };
        var subscriptions = new Option<string[]>("--subscription") { Description = "Subscription id (repeatable); default: all readable.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("snapshot", "Capture the Azure AI estate as raw API JSON for offline replay (no secrets).") { output, fixture, subscriptions };
        command.SetAction(async (p, ct) =>
        {
            var cli = CliContext.From(p);
            EmulatedTenant? tenant = null;
            try
            {
                var folder = Path.GetFullPath(p.GetValue(output)!);
                if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    await cli.Error.WriteLineAsync($"aispm: '{folder}' is not empty; snapshot writes into a new or empty folder.").ConfigureAwait(false);
                    return ExitCodes.ConfigurationError;
                }

                ArmConnection arm;
                var timeout = CloudApiTimeout.Read(AppConfiguration.Build());
                if (p.GetValue(fixture) is { } name)
                {
                    tenant = await EmulatedTenant.StartAsync(FixtureLocator.Resolve(name), cancellationToken: ct).ConfigureAwait(false);
                    arm = tenant.ConnectArm(timeout);
                }
                else
                {
                    arm = new ArmConnection(new DefaultAzureCredential(), options: new ArmPipelineOptions(timeout.PerAttempt));
                }

                var rest = new ArmRestClient(arm);
                var subscriptionObjects = new List<JsonElement>();
                await foreach (var s in rest.ListAsync("subscriptions", "2022-12-01", ct).ConfigureAwait(false))
                {
                    subscriptionObjects.Add(s);
                }

                var wanted = p.GetValue(subscriptions) is { Length: > 0 } chosen ? chosen : subscriptionObjects.Select(s => s.GetProperty("subscriptionId").GetString()!).ToArray();
                var collection = await new AzureAiCollector(arm).CollectAsync(wanted, ct).ConfigureAwait(false);
                Directory.CreateDirectory(Path.Combine(folder, "arm", "resources"));
                var options = new JsonSerializerOptions { WriteIndented = true };
                await File.WriteAllTextAsync(Path.Combine(folder, "arm", "subscriptions.json"), JsonSerializer.Serialize(new { value = subscriptionObjects.Where(s => wanted.Contains(s.GetProperty("subscriptionId").GetString(), StringComparer.OrdinalIgnoreCase)) }, options), ct).ConfigureAwait(false);
                var tenantId = subscriptionObjects.Select(s => s.TryGetProperty("tenantId", out var t) ? t.GetString() : null).FirstOrDefault(t => t is not null) ?? "00000000-0000-0000-0000-000000000000";
                await File.WriteAllTextAsync(Path.Combine(folder, "tenant.json"), JsonSerializer.Serialize(new { tenantId, displayName = "Snapshot " + DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture) }, options), ct).ConfigureAwait(false);
                var dataPlane = new[] { AiResourceFamily.SearchDataSource, AiResourceFamily.SearchIndexer };
                await WriteSearchDataPlanesAsync(folder, collection.Inventory, options, ct).ConfigureAwait(false);
                foreach (var group in collection.Inventory.Resources.Where(r => !dataPlane.Contains(r.Family)).GroupBy(r => r.SubscriptionId))
                {
                    var objects = new List<object>();
                    foreach (var r in group)
                    {
                        objects.Add(new { id = r.Id, name = r.Name, type = r.Type, kind = r.Kind, location = r.Location, sku = r.SkuName is null ? null : new { name = r.SkuName }, tags = r.Tags, identity = r.IdentityType is null or "None" ? null : new { type = r.IdentityType }, properties = r.Properties });
                        foreach (var d in r.DiagnosticSettings ?? [])
                        {
                            objects.Add(new { id = d.Id, name = d.Name, type = "Microsoft.Insights/diagnosticSettings", properties = new { workspaceId = d.HasDestination ? "(captured: destination present)" : null, logs = d.EnabledLogCategories.Select(c => new { categoryGroup = c, enabled = true }) } });
                        }
                    }

                    await File.WriteAllTextAsync(Path.Combine(folder, "arm", "resources", group.Key + ".json"), JsonSerializer.Serialize(new { value = objects }, options), ct).ConfigureAwait(false);
                }

                // The Models API lists the scan read, per location, in the list's own item shape (the fields the rules use).
                var models = collection.Inventory.Models;
                if (models.LocationsRead.Count > 0)
                {
                    var byLocation = models.LocationsRead.Keys.Order(StringComparer.Ordinal).ToDictionary(
                        location => location,
                        location => models.Entries.Where(e => e.Location == location).OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Version, StringComparer.Ordinal).Select(e => new
                        {
                            model = new
                            {
                                format = e.Format,
                                name = e.Name,
                                version = e.Version,
                                lifecycleStatus = e.LifecycleStatus,
                                deprecation = e.InferenceDeprecation is { } inference ? new { inference } : null,
                                skus = e.Skus.Select(k => new { name = k.Name, deprecationDate = k.DeprecationDate }),
                            },
                        }).ToList());
                    await File.WriteAllTextAsync(Path.Combine(folder, "arm", "models.json"), JsonSerializer.Serialize(byLocation, options), ct).ConfigureAwait(false);
                }

                cli.Console.MarkupLineInterpolated($"Captured {collection.Inventory.Resources.Count} AI resources in {wanted.Length} subscriptions into {folder} ({collection.Calls.Values.Sum()} read-only calls, {collection.Errors.Count} gaps).");
                foreach (var error in collection.Errors)
                {
                    await cli.Error.WriteLineAsync($"aispm: coverage gap: {error.Operation} on {error.Scope}: {error.Status} {error.Message}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (RequestFailedException ex)
            {
                await cli.Error.WriteLineAsync($"aispm: Azure refused the snapshot ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0]}").ConfigureAwait(false);
                return ExitCodes.ServiceError;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return cli.Fail(ex);
            }
            finally
            {
                if (tenant is not null)
                {
                    await tenant.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    /// <summary>
    /// The AI Search data plane the scan read, as <c>search/{service}.json</c>: data sources with a connection string
    /// that says only how they authenticate and what they read (a key is written as <c>(not captured)</c>), and indexers.
    /// </summary>
    private static async Task WriteSearchDataPlanesAsync(string folder, AiInventory inventory, JsonSerializerOptions options, CancellationToken ct)
    {
        var byService = inventory.Resources.Where(r => r.Family is AiResourceFamily.SearchDataSource or AiResourceFamily.SearchIndexer && r.ParentId is not null)
            .GroupBy(r => r.ParentId!, StringComparer.OrdinalIgnoreCase);
        foreach (var service in byService)
        {
            Directory.CreateDirectory(Path.Combine(folder, "search"));
            var datasources = service.Where(r => r.Family == AiResourceFamily.SearchDataSource).Select(d => new
            {
                name = d.Name,
                type = d.PropertyString("type"),
                credentials = new { connectionString = CapturedConnectionString(d) },
                container = new { name = d.PropertyString("container.name"), query = d.PropertyString("container.query") },
                identity = d.PropertyString("identity.odataType") is { Length: > 0 } odataType ? new Dictionary<string, string?> { ["@odata.type"] = odataType, ["userAssignedIdentity"] = d.PropertyString("identity.userAssignedIdentity") } : null,
            });
            var indexers = service.Where(r => r.Family == AiResourceFamily.SearchIndexer).Select(i => new
            {
                name = i.Name,
                dataSourceName = i.PropertyString("dataSourceName"),
                targetIndexName = i.PropertyString("targetIndexName"),
                skillsetName = i.PropertyString("skillsetName"),
                disabled = i.PropertyBool("disabled"),
            });
            var name = service.Key[(service.Key.LastIndexOf('/') + 1)..];
            await File.WriteAllTextAsync(Path.Combine(folder, "search", name + ".json"), JsonSerializer.Serialize(new { datasources, indexers }, options), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A connection string with the credential kind and target of the one read, and no secret.</summary>
    private static string? CapturedConnectionString(AiResource dataSource)
    {
        var target = dataSource.PropertyString("credentials.resourceId") is { Length: > 0 } id ? $"ResourceId={id};" : dataSource.PropertyString("credentials.accountName") is { Length: > 0 } account ? $"AccountName={account};" : string.Empty;
        return Enum.TryParse<DataSourceCredentialKind>(dataSource.PropertyString("credentials.kind"), out var kind) ? kind switch
        {
            DataSourceCredentialKind.ManagedIdentity => target,
            DataSourceCredentialKind.AccountKey => target + "AccountKey=(not captured);",
            DataSourceCredentialKind.SharedAccessSignature => target + "SharedAccessSignature=(not captured);",
            DataSourceCredentialKind.Password => target + "Password=(not captured);",
            _ => null,
        } : null;
    }
}

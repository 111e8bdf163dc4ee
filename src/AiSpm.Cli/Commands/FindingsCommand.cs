using System.CommandLine;
using System.Text.Json;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using AiSpm.Application.Functions;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm findings</c>: lists stored findings of an installation, with the same filters as the HTTP API.</summary>
internal static class FindingsCommand
{
    public static Command Create()
    {
        var connection = new Option<string?>("--connection-string") { Description = "Storage connection string; default: the AzureWebJobsStorage setting." };
        var severity = new Option<string?>("--severity") { Description = "Lowest severity to include: informational, low, medium, high, critical." };
        var status = new Option<string?>("--status") { Description = "open, exempted or resolved." };
        var rule = new Option<string?>("--rule") { Description = "A rule id, e.g. AISPM-1001." };
        var subscription = new Option<string?>("--subscription") { Description = "A subscription id." };
        var resolvedSince = new Option<string?>("--resolved-since") { Description = "Only findings resolved since this ISO 8601 date or time (e.g. 2026-11-21)." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of a table." };
        var prefix = new Option<string?>("--table-prefix") { Description = "Table prefix of the installation; default: the AzureWebJobsStorage__tablePrefix setting." };
        var command = new Command("findings", "List stored findings (filters as in GET /api/findings).") { connection, severity, status, rule, subscription, resolvedSince, json, prefix };
        command.SetAction(async (p, ct) =>
        {
            var cli = CliContext.From(p);
            StorageClients? account = null;
            try
            {
                var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["pageSize"] = "1000" };
                foreach (var (name, value) in new[] { ("severity", p.GetValue(severity)), ("status", p.GetValue(status)), ("rule", p.GetValue(rule)), ("subscription", p.GetValue(subscription)), ("resolvedSince", p.GetValue(resolvedSince)) })
                {
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        query[name] = value;
                    }
                }

                var parsed = FindingsQueryParser.Parse(query, out var problem);
                if (parsed is null)
                {
                    await cli.Error.WriteLineAsync("aispm: " + problem!.Replace("'pageSize'", "page size", StringComparison.Ordinal).Replace("'resolvedSince'", "--resolved-since", StringComparison.Ordinal)).ConfigureAwait(false);
                    return ExitCodes.ConfigurationError;
                }

                await using var services = InstallationServices.Build(InstallationServices.StorageOverrides(p.GetValue(connection), p.GetValue(prefix)));
                account = services.GetRequiredService<StorageClients>();
                var store = services.GetRequiredService<IFindingStore>();
                var table = new Table().AddColumn("Status").AddColumn("Severity").AddColumn("Rule").AddColumn("Resource").AddColumn("Last seen");
                var count = 0;
                string? token = null;
                do
                {
                    var page = await store.QueryAsync(parsed with { ContinuationToken = token }, ct).ConfigureAwait(false);
                    foreach (var f in page.Findings)
                    {
                        count++;
                        if (p.GetValue(json))
                        {
                            await p.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
                            {
                                id = f.Finding.Key.Id, scope = f.Finding.Key.Scope, ruleId = f.Finding.Key.RuleId, resourceId = f.Finding.Key.ResourceId,
                                severity = f.Finding.Severity.ToString(), status = f.Status.ToString(), f.Finding.Title, f.Finding.Detail, f.FirstSeen, f.LastSeen, f.ResolvedAt, f.Finding.Exemption,
                            }, CliJson.Options)).ConfigureAwait(false);
                        }
                        else
                        {
                            table.AddRow(f.Status.ToString(), f.Finding.Severity.ToString(), Markup.Escape(f.Finding.Key.RuleId), Markup.Escape(f.Finding.Key.ResourceId), f.LastSeen.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }

                    token = page.ContinuationToken;
                }
                while (token is not null);

                if (!p.GetValue(json))
                {
                    cli.Console.Write(table);
                    cli.Console.WriteLine($"{count} findings.");
                }

                return ExitCodes.Success;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                cli.Console.WriteLine("No findings yet: this installation has no findings table (run a scan, or aispm storage check).");
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

using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiSpm.Application.Configuration;
using AiSpm.Application.Remediation.Rotation;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm rotations</c>: the key rotations of a running installation (the Functions app, or <c>aispm serve</c>)
/// through its API — <c>GET /api/rotations</c> — and <c>aispm rotations terminate ID</c> for a stuck one.
/// </summary>
internal static class RotationsCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "The installation's address: the Functions app (https://<app>.azurewebsites.net/) or aispm serve (default http://127.0.0.1:7071/)." };
        var key = new Option<string?>("--key") { Description = "A function key of the app, or aispm serve's key; default: the AISPM_LOCAL_API_KEY setting." };
        var active = new Option<bool>("--active") { Description = "Only rotations still running (pending, running or suspended)." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of a table." };
        var list = new Command("rotations", "List key rotations with their step, flow, outcome and timestamps (GET /api/rotations).") { url, key, active, json };
        list.SetAction((p, ct) => ListAsync(p, p.GetValue(url), p.GetValue(key), p.GetValue(active), p.GetValue(json), ct));

        var id = new Argument<string>("id") { Description = "The rotation's instance id (rotation-…)." };
        var terminate = new Command("terminate", "Stop a stuck rotation (POST /api/rotations/{id}/terminate; audited).") { id, url, key };
        terminate.SetAction((p, ct) => TerminateAsync(p, p.GetValue(url), p.GetValue(key), p.GetValue(id)!, ct));
        list.Subcommands.Add(terminate);
        return list;
    }

    private static Task<int> ListAsync(ParseResult parseResult, string? url, string? key, bool active, bool json, CancellationToken cancellationToken) =>
        CallAsync(parseResult, url, key, http => http.GetAsync(active ? "api/rotations?active=true" : "api/rotations", cancellationToken), async (cli, response) =>
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var rotations = CliJson.ReadRotations(body.RootElement);
            if (json)
            {
                foreach (var rotation in rotations)
                {
                    await parseResult.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(rotation, CliJson.Options)).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var table = new Table().AddColumn("Rotation").AddColumn("Account").AddColumn("Flow").AddColumn("Step").AddColumn("Status").AddColumn("Outcome").AddColumn("Updated");
            foreach (var r in rotations)
            {
                table.AddRow(Markup.Escape(r.InstanceId), Markup.Escape(r.AccountId[(r.AccountId.LastIndexOf('/') + 1)..]), r.Flow, Markup.Escape(r.Step), r.RuntimeStatus,
                    Markup.Escape(r.Outcome ?? (r.Until is { } until ? "until " + until.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "-")),
                    r.UpdatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            }

            cli.Console.Write(table);
            cli.Console.WriteLine($"{rotations.Count} rotations{(body.RootElement.GetProperty("truncated").GetBoolean() ? " (the newest; more exist)" : string.Empty)}.");
            return ExitCodes.Success;
        }, cancellationToken);

    private static Task<int> TerminateAsync(ParseResult parseResult, string? url, string? key, string id, CancellationToken cancellationToken) =>
        CallAsync(parseResult, url, key, http => http.PostAsync($"api/rotations/{Uri.EscapeDataString(id)}/terminate", null, cancellationToken), async (cli, response) =>
        {
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            cli.Console.WriteLine($"{id}: {answer.GetProperty("runtimeStatus").GetString()}.");
            return ExitCodes.Success;
        }, cancellationToken);

    /// <summary>One call to the installation's API: the client from the options, the API's problem as one line and exit code, an unreachable installation as exit 3.</summary>
    private static async Task<int> CallAsync(ParseResult parseResult, string? url, string? key, Func<HttpClient, Task<HttpResponseMessage>> send,
        Func<CliContext, HttpResponseMessage, Task<int>> answered, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        if (await ClientAsync(cli, url, key).ConfigureAwait(false) is not { } http)
        {
            return ExitCodes.ConfigurationError;
        }

        using (http)
        {
            try
            {
                using var response = await send(http).ConfigureAwait(false);
                return await ProblemAsync(cli, response, cancellationToken).ConfigureAwait(false) ?? await answered(cli, response).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                await cli.Error.WriteLineAsync($"aispm: cannot reach the installation at {http.BaseAddress}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.ServiceError;
            }
        }
    }

    private static async Task<HttpClient?> ClientAsync(CliContext cli, string? url, string? key)
    {
        var address = string.IsNullOrWhiteSpace(url) ? "http://127.0.0.1:7071/" : url.Trim();
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var root)
            || !(root.Scheme == Uri.UriSchemeHttps || (root.Scheme == Uri.UriSchemeHttp && root.IsLoopback)))
        {
            await cli.Error.WriteLineAsync($"aispm: --url must be an https address (or http on this machine), not '{address}'.").ConfigureAwait(false);
            return null;
        }

        var apiKey = string.IsNullOrWhiteSpace(key) ? AppConfiguration.Build()[AppSettingNames.LocalApiKey] : key.Trim();
        if (string.IsNullOrEmpty(apiKey))
        {
            await cli.Error.WriteLineAsync("aispm: no key: pass --key (a function key, or aispm serve's key) or set AISPM_LOCAL_API_KEY.").ConfigureAwait(false);
            return null;
        }

        var http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Add("x-functions-key", apiKey);
        return http;
    }

    private static async Task<int?> ProblemAsync(CliContext cli, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(detail);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? detail : detail;
        }
        catch (JsonException)
        {
            // Not problem JSON: show the start of the text.
            detail = detail.Length > 200 ? detail[..200] : detail;
        }

        await cli.Error.WriteLineAsync($"aispm: {(int)response.StatusCode} {response.ReasonPhrase}: {detail}").ConfigureAwait(false);
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.BadRequest
            ? ExitCodes.ConfigurationError
            : ExitCodes.ServiceError;
    }
}

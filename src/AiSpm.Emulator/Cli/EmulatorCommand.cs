using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AiSpm.Emulator.Fixtures;
using AiSpm.Emulator.Generation;
using Microsoft.Extensions.Logging;

namespace AiSpm.Emulator.Cli;

/// <summary>
/// The <c>emulator</c> command group for the <c>aispm</c> executable: <c>emulator serve --fixture DIR [--port N] [--seed N]
/// [--arm-page-size N] [--no-throttling] [--verbose]</c> starts the tenant emulator, prints its base URL, certificate
/// thumbprint and vault URIs, and runs until Ctrl+C; <c>emulator generate --out DIR --seed N [--preset s-small|s-medium|s-large]
/// [--subscriptions N] [--resources N] ...</c> writes a deterministic synthetic tenant as a fixture folder.
/// </summary>
public static class EmulatorCommand
{
    /// <summary>Builds the <c>emulator</c> command with its <c>serve</c> and <c>generate</c> subcommands.</summary>
    public static Command Create(Func<string, string>? resolveFixture = null)
    {
        var emulator = new Command("emulator", "Tenant emulator: ARM, Resource Graph, Microsoft Graph and Key Vault over HTTPS from a fixture.");
        emulator.Subcommands.Add(CreateServe(resolveFixture ?? (name => name)));
        emulator.Subcommands.Add(CreateGenerate());
        return emulator;
    }

    private static Command CreateGenerate()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the fixture into (must be missing or empty).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of every id, name and setting: same seed and sizes, same bytes.", DefaultValueFactory = _ => 1 };
        var preset = new Option<string?>("--preset") { Description = "Base sizes: s-small, s-medium or s-large (the benchmark tenants); other options override them." };
        preset.AcceptOnlyFromAmong([.. TenantGenerationOptions.PresetNames]);
        var sizes = new (Option<int?> Option, Action<TenantGenerationOptions, int> Apply)[]
        {
            (new Option<int?>("--subscriptions") { Description = "Subscriptions." }, (o, v) => o.Subscriptions = v),
            (new Option<int?>("--resources") { Description = "ARM objects in total, AI resources and child resources included." }, (o, v) => o.Resources = v),
            (new Option<int?>("--ai-accounts") { Description = "Cognitive Services accounts." }, (o, v) => o.AiAccounts = v),
            (new Option<int?>("--deployments") { Description = "Model deployments in total." }, (o, v) => o.Deployments = v),
            (new Option<int?>("--service-principals") { Description = "Service principals in total." }, (o, v) => o.ServicePrincipals = v),
            (new Option<int?>("--applications") { Description = "Application registrations." }, (o, v) => o.Applications = v),
            (new Option<int?>("--grants") { Description = "Delegated permission grants (oauth2PermissionGrants)." }, (o, v) => o.Grants = v),
            (new Option<int?>("--app-role-assignments") { Description = "Application permission assignments." }, (o, v) => o.AppRoleAssignments = v),
            (new Option<int?>("--secrets") { Description = "Secrets in the generated Key Vault." }, (o, v) => o.Secrets = v),
        };
        var generate = new Command("generate", "Write a deterministic synthetic tenant (fixture folder) for tests and benchmarks.") { output, seed, preset };
        foreach (var (option, _) in sizes)
        {
            generate.Options.Add(option);
        }

        generate.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var options = parseResult.GetValue(preset) is { } name
                ? TenantGenerationOptions.FromPreset(name, parseResult.GetValue(seed))
                : new TenantGenerationOptions { Seed = parseResult.GetValue(seed) };
            foreach (var (option, apply) in sizes)
            {
                if (parseResult.GetValue(option) is { } value)
                {
                    apply(options, value);
                }
            }

            var folder = parseResult.GetRequiredValue(output).FullName;
            var clock = Stopwatch.StartNew();
            TenantGenerationResult result;
            try
            {
                result = await Task.Run(() => TenantGenerator.Generate(options, folder, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            clock.Stop();
            var culture = CultureInfo.InvariantCulture;
            await stdout.WriteLineAsync(string.Create(culture, $"Generated tenant {result.TenantId} (seed {options.Seed}) in {result.Folder}"));
            await stdout.WriteLineAsync(string.Create(culture,
                $"  {result.Resources:N0} ARM objects ({result.TopLevelResources:N0} top-level, the Resource Graph rows) in {options.Subscriptions:N0} subscriptions"));
            foreach (var (kind, count) in result.Counts)
            {
                await stdout.WriteLineAsync(string.Create(culture, $"  {count,10:N0}  {kind}"));
            }

            await stdout.WriteLineAsync(string.Create(culture,
                $"  {result.Files:N0} files, {result.Bytes:N0} bytes ({result.Bytes / 1048576.0:F1} MiB), {clock.Elapsed.TotalSeconds:F1} s"));
            return 0;
        });
        return generate;
    }

    private static Command CreateServe(Func<string, string> resolveFixture)
    {
        var fixture = new Option<string>("--fixture") { Description = "Fixture folder (layout in docs/emulator.md), or the name of a built-in one such as demo-tenant.", Required = true };
        var port = new Option<int>("--port") { Description = "Loopback port of the main endpoint; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw (fault probabilities, regenerated keys, ids).", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--arm-page-size") { Description = "ARM list page size before a nextLink.", DefaultValueFactory = _ => 100 };
        var noThrottling = new Option<bool>("--no-throttling") { Description = "Turn the ARM, Resource Graph and Microsoft Graph throttling models off." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every request to the console." };
        var serve = new Command("serve", "Serve a fixture on 127.0.0.1 over HTTPS until Ctrl+C.") { fixture, port, seed, pageSize, noThrottling, verbose };
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            string folder;
            try
            {
                folder = Path.GetFullPath(resolveFixture(parseResult.GetRequiredValue(fixture)));
            }
            catch (DirectoryNotFoundException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }

            var options = new EmulatorOptions
            {
                FixtureFolder = folder,
                Port = parseResult.GetValue(port),
                Seed = parseResult.GetValue(seed),
                ArmPageSize = parseResult.GetValue(pageSize),
            };
            if (parseResult.GetValue(noThrottling))
            {
                options.Throttling.ArmEnabled = false;
                options.Throttling.ResourceGraphEnabled = false;
                options.Throttling.GraphEnabled = false;
            }

            if (parseResult.GetValue(verbose))
            {
                options.ConfigureLogging = logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Debug);
            }

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(options, cancellationToken);
            }
            catch (FixtureException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }

            await using (server)
            {
                await output.WriteLineAsync($"Tenant emulator for tenant {server.Fixture.TenantId} ({server.Fixture.DisplayName})");
                await output.WriteLineAsync($"  Base URL (ARM, Resource Graph): {server.BaseUri}");
                await output.WriteLineAsync($"  Microsoft Graph:                {server.GraphV1Endpoint} and {server.GraphBetaEndpoint}");
                foreach (var (vault, uri) in server.VaultUris.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    await output.WriteLineAsync($"  Key Vault {vault}: {uri}");
                }

                await output.WriteLineAsync($"  Teams webhook sink:             {server.TeamsWebhookUri("{hook}")}");
                await output.WriteLineAsync($"  Stats and faults:               {server.BaseUri}_emulator/stats, {server.BaseUri}_emulator/faults");
                await output.WriteLineAsync($"  Certificate SHA-256 thumbprint: {server.CertificateThumbprint}");
                await output.WriteLineAsync("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("Stopping.");
                }
            }

            return 0;
        });
        return serve;
    }
}

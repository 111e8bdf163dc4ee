using AiSpm.Cli.Emulation;
using System.CommandLine;
using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using AiSpm.Application.Configuration;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Cli.Engine;
using AiSpm.Cli.Hosting;
using AiSpm.Application.Notifications;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm serve</c>: the app without the Functions host — the HTTP API, an Event Grid webhook, the schedule and the
/// scan engine in one process on loopback, every route behind the API key.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Loopback port (default 7071)." };
        var fixture = new Option<string?>("--fixture") { Description = "Scan a fixture tenant through the in-process emulator instead of Azure (also AISPM_EMULATOR_FIXTURE)." };
        var azurite = new Option<bool>("--azurite") { Description = "Start a private Azurite for storage instead of using AzureWebJobsStorage." };
        var emulator = new RemoteEmulatorOptions("Scan");
        var command = new Command("serve", "Run the app locally without the Functions host: HTTP API, Event Grid webhook, schedule and scan engine.") { port, fixture, azurite };
        emulator.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is { } chosen && chosen is < 0 or > 65535)
            {
                result.AddError($"--port must be from 0 (any free port) to 65535, not {chosen}.");
            }

            if (emulator.IsGiven(result) && !string.IsNullOrWhiteSpace(result.GetValue(fixture)))
            {
                result.AddError("Use --fixture or --emulator-url, not both.");
            }
            else
            {
                emulator.Validate(result);
            }
        });
        command.SetAction((p, ct) => RunAsync(p, p.GetValue(port), p.GetValue(fixture), p.GetValue(azurite), emulator.Target(p), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, int? port, string? fixture, bool useAzurite, (Uri Url, string Thumbprint)? emulator, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        AzuriteProcess? azurite = null;
        EmulatedTenant? tenant = null;
        StorageClients? storage = null;
        try
        {
            // Every setting is checked before anything starts or is reached: a bad one is one line naming it, exit 2.
            var configuration = AppConfiguration.Build();
            AppSettingsCheck.Validate(configuration);
            var apiKey = configuration[AppSettingNames.LocalApiKey] is { Length: > 0 } key
                ? key.Length >= 16 && !key.Any(char.IsWhiteSpace) ? key : throw new StorageConfigurationException(AppSettingNames.LocalApiKey,
                    $"'{AppSettingNames.LocalApiKey}' must be at least 16 characters without spaces (it guards every route); unset it to have one generated.")
                : LocalServer.NewApiKey();
            var schedule = ScanScheduleSetting.Read(configuration, out var scheduleWarning);
            var engineSettings = LocalEngineSettings.Bind(configuration);
            var latency = EmulatorLatency(configuration);
            var fixtureFolder = FixtureFolder(fixture, configuration[AppSettingNames.EmulatorFixture]);
            if (useAzurite)
            {
                azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                configuration = AppConfiguration.Build(overrides: new Dictionary<string, string?> { [StorageOptions.SettingName] = azurite.ConnectionString });
            }

            var services = new ServiceCollection().AddAiSpm(configuration);
            services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("DurableTask", LogLevel.Warning).AddFilter("Microsoft.DurableTask", LogLevel.Warning));
            if (emulator is { } remote)
            {
                (await RemoteTenant.ConnectAsync(remote.Url, remote.Thumbprint, cancellationToken).ConfigureAwait(false)).AddTo(services);
            }
            else if (fixtureFolder is not null)
            {
                tenant = await EmulatedTenant.StartAsync(fixtureFolder, latency, cancellationToken).ConfigureAwait(false);
                tenant.AddTo(services);
            }

            await using var provider = services.BuildServiceProvider();
            provider.ValidateAiSpm();
            storage = provider.GetRequiredService<StorageClients>();
            await storage.EnsureCreatedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var functions = provider.GetRequiredService<AiSpmFunctionApp>();
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var options = new ServerOptions
            {
                Port = port ?? 7071,
                ApiKey = apiKey,
                Schedule = schedule,
            };
            await using var engine = await LocalScanEngine.StartAsync(provider, engineSettings, cancellationToken: cancellationToken).ConfigureAwait(false);
            var rotations = new LocalRotations(provider.GetRequiredService<AiSpm.Application.Remediation.Rotation.RotationRequests>(), engine.Client,
                provider.GetRequiredService<AiSpm.Application.Remediation.Rotation.RotationOptions>());
            await using var server = await LocalServer.StartAsync(options, functions, engine.Launcher, loggers: loggers, rotations: rotations, cancellationToken: cancellationToken).ConfigureAwait(false);
            cli.Console.WriteLine($"aispm serving on {server.BaseUri}.");
            cli.Console.WriteLine($"API: {server.BaseUri}api/findings with header x-functions-key: {options.ApiKey}");
            cli.Console.WriteLine($"Event Grid webhook: {server.BaseUri}runtime/webhooks/eventgrid?functionName=ResourceChanged&code=<key>");
            cli.Console.WriteLine(options.Schedule is null ? "No AISPM_SCAN_SCHEDULE: scans start by API or event." : $"Schedule: {configuration[AppSettingNames.ScanSchedule]!.Trim()} (UTC)");
            foreach (var unknown in AppSettingsCheck.UnknownSettings(configuration, [CliFailure.DebugSetting]))
            {
                await cli.Error.WriteLineAsync($"aispm: warning: '{unknown}' is not a setting AiSpm reads (README, Configuration); it is ignored.").ConfigureAwait(false);
            }

            if (scheduleWarning is not null)
            {
                await cli.Error.WriteLineAsync("aispm: warning: " + scheduleWarning).ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM.
            }

            return ExitCodes.Success;
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await cli.Error.WriteLineAsync($"aispm: port {port ?? 7071} on 127.0.0.1 is in use; choose another with --port (0 picks a free one).").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (FormatException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: AISPM_SCAN_SCHEDULE: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (DirectoryNotFoundException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return cli.Fail(ex, storage);
        }
        finally
        {
            if (tenant is not null)
            {
                await tenant.DisposeAsync().ConfigureAwait(false);
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>AISPM_EMULATOR_LATENCY_MS</c>: milliseconds the in-process emulator adds to each request, 0–60000 (default 0).</summary>
    private static TimeSpan EmulatorLatency(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        TimeSpan.FromMilliseconds(WholeNumberSetting.Read(configuration, AppSettingNames.EmulatorLatencyMs, 0, 60_000, "milliseconds") ?? 0);

    /// <summary>The fixture folder of <c>--fixture</c>, else of <c>AISPM_EMULATOR_FIXTURE</c> (an unknown one named as that setting); null for Azure.</summary>
    private static string? FixtureFolder(string? option, string? setting)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return FixtureLocator.Resolve(option);
        }

        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        try
        {
            return FixtureLocator.Resolve(setting.Trim());
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new StorageConfigurationException(AppSettingNames.EmulatorFixture, $"'{AppSettingNames.EmulatorFixture}': {ex.Message}");
        }
    }
}

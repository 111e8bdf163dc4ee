using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Storage;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Commands;

/// <summary>
/// The installation a reading verb (export, report) works on: the one the storage settings name, or, with
/// <c>--fixture</c>, a throw-away installation with that fixture tenant scanned into a private Azurite. Also maps the
/// verbs' common failures to exit codes.
/// </summary>
internal static class InstallationRuntime
{
    /// <summary>Runs <paramref name="work"/> on the installation (or the scanned fixture), answering failures with one line and an exit code.</summary>
    public static async Task<int> RunAsync(CliContext cli, string? fixture, Func<IServiceProvider, ScannedFixture?, Task<int>> work, CancellationToken cancellationToken)
    {
        ScannedFixture? scanned = null;
        ServiceProvider? installation = null;
        StorageClients? storage = null;
        try
        {
            IServiceProvider services;
            if (fixture is not null)
            {
                scanned = await ScannedFixture.StartAsync(fixture, cancellationToken).ConfigureAwait(false);
                services = scanned.Services;
            }
            else
            {
                installation = InstallationServices.Build();
                services = installation;
            }

            storage = services.GetRequiredService<StorageClients>();
            return await work(services, scanned).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (UnauthorizedAccessException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: --out: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return cli.Fail(ex, storage);
        }
        finally
        {
            if (installation is not null)
            {
                await installation.DisposeAsync().ConfigureAwait(false);
            }

            if (scanned is not null)
            {
                await scanned.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

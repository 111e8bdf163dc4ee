using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Connectors.Persistence;
using AiSpm.Connectors.Remediation;
using AiSpm.Connectors.Storage;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Application.Events;
using AiSpm.Application.Exports;
using AiSpm.Application.Functions;
using AiSpm.Application.Notifications;
using AiSpm.Application.Policy;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;
using AiSpm.Application.Remediation;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Application.Scanning;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiSpm.Application.Configuration;

/// <summary>
/// The one composition root of AiSpm: the server, every CLI verb, the demo, the benchmarks and the tests build their
/// services here. Options are bound from the app settings and validated when first resolved (a bad setting is one
/// error naming it); the cloud clients use the installation's identity. Development hosts replace the cloud
/// clients (ARM, Graph, Key Vault, the Teams transport) by registering their own after this call.
/// </summary>
public static class AiSpmServiceCollectionExtensions
{
    /// <summary>Registers AiSpm's options, clients, stores and services.</summary>
    public static IServiceCollection AddAiSpm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<StorageOptions>().Configure(o => StorageOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => StorageClientFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<StorageTransport>()?.Configure));

        services.AddOptions<ScanOptions>()
            .Configure(o => ScanOptionsBinder.Bind(configuration, o))
            .ValidateDataAnnotations()
            .ValidateOnStart()
            .PostConfigure<StorageClients>((o, storage) => o.FingerprintKey ??= ScanOptionsBinder.DerivedFingerprintKey(storage.Tables.Uri, storage.Prefix));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ScanOptions>>().Value);
        services.AddSingleton(sp => new SecretFingerprinter(sp.GetRequiredService<ScanOptions>().FingerprintKey!));
        services.AddSingleton(_ => RotationOptions.FromConfiguration(configuration));
        services.AddSingleton(_ => CloudApiTimeout.Read(configuration));
        services.AddSingleton(sp => new RotationPolicy { Mode = sp.GetRequiredService<RotationOptions>().Mode });

        AddStores(services);
        AddCloudClients(services, configuration);
        AddNotifications(services, configuration);

        services.AddSingleton(sp => new ArmRestClient(sp.GetRequiredService<ArmConnection>()));
        services.AddSingleton(sp => sp.GetRequiredService<KeyVaultAccess>().RotationVault is { } vault && sp.GetRequiredService<RotationOptions>().Mode != RotationMode.Off
            ? new ScheduledKeyRotation(vault, sp.GetRequiredService<ArmRestClient>(), sp.GetRequiredService<RegenerateKeySlotActivity>(), sp.GetRequiredService<StoreCurrentKeyActivity>(),
                sp.GetRequiredService<RotationOptions>(), sp.GetRequiredService<RotationPolicy>())
            : null!);
        // The policy (AISPM_POLICY, or the AiSpm.Default baseline) and the catalogue under it: every scan, path
        // evaluation and output of this installation uses this one catalogue.
        services.AddSingleton(sp => PolicySetting.Load(configuration, sp.GetService<TokenCredential>(), sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton(sp => RuleCatalog.BuiltIn.WithPolicy(sp.GetRequiredService<ScanPolicy>()));
        services.AddSingleton<IRunCompletedListener>(sp => new PolicyChangeAudit(sp.GetRequiredService<ScanPolicy>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<INotificationLedger>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var listeners = sp.GetServices<IRunCompletedListener>().ToList();
            if (sp.GetService<TeamsNotifier>() is { } teams)
            {
                listeners.Add(teams);
            }

            return new ScanCoordinator(
                sp.GetRequiredService<ArmConnection>(), sp.GetRequiredService<IFindingStore>(), sp.GetRequiredService<IAssetStore>(), sp.GetRequiredService<IScanRunStore>(),
                sp.GetRequiredService<ScanOptions>(), listeners, rules: sp.GetRequiredService<RuleCatalog>(),
                time: sp.GetRequiredService<TimeProvider>(), graph: sp.GetService<Microsoft.Graph.GraphServiceClient>(), vaults: sp.GetRequiredService<KeyVaultAccess>().ClientFor,
                edges: sp.GetRequiredService<IEdgeStore>(), logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("AiSpm.Scan"),
                copilotImports: sp.GetRequiredService<ICopilotAdminImportStore>(), shardGraphs: sp.GetRequiredService<IShardGraphStore>(),
                powerPlatform: SwitchSetting.Read(configuration, AppSettingNames.PowerPlatformEnabled),
                collectorOptions: sp.GetService<GroundingContainerSampler>() is { } sampler ? new AzureAiCollectorOptions { Sampler = sampler } : null);
        });
        if (DataSamplingSetting.Read(configuration) is { } sampling)
        {
            // Opt-in: blob reads happen only when AISPM_DATA_SAMPLING=On (Storage Blob Data Reader on the grounding storage).
            services.AddSingleton(sp => BlobAccountClients.ForAzure(sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<ArmConnection>()));
            services.AddSingleton(sp => new GroundingContainerSampler(sp.GetRequiredService<BlobAccountClients>(),
                new Core.DataClassification.ContentClassifier(new SecretScanner(sp.GetRequiredService<SecretFingerprinter>()), new Core.DataClassification.PersonalDataClassifier(Connectors.DataClassification.PersonalDataDetectors.All)), sampling));
        }
        AddRotation(services);
        services.AddSingleton(sp => new Activities.PlanFullScanActivity(sp.GetRequiredService<ScanCoordinator>()));
        services.AddSingleton(sp => new Activities.PlanResourceScanActivity(sp.GetRequiredService<ScanCoordinator>()));
        services.AddSingleton(sp => new Activities.ScanShardActivity(sp.GetRequiredService<ScanCoordinator>()));
        services.AddSingleton(sp => new Activities.CloseScanRunActivity(sp.GetRequiredService<ScanCoordinator>()));
        services.AddSingleton(sp => new Activities.NotifyRunActivity(sp.GetRequiredService<ScanCoordinator>()));
        services.AddSingleton(sp => new EvidenceExporter(sp.GetRequiredService<IFindingStore>(), sp.GetRequiredService<IAssetStore>(), sp.GetRequiredService<IScanRunStore>(), sp.GetRequiredService<ISuppressionStore>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IEdgeStore>(), sp.GetRequiredService<RuleCatalog>()));
        services.AddSingleton(_ => new ResourceChangeFilter([configuration[AppSettingNames.ClientId] ?? string.Empty, configuration[AppSettingNames.OwnObjectId] ?? string.Empty]));
        services.AddSingleton(sp => new AiSpmFunctionApp(
            sp.GetRequiredService<IFindingStore>(), sp.GetRequiredService<IAssetStore>(), sp.GetRequiredService<IScanRunStore>(),
            sp.GetRequiredService<ISuppressionStore>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<EvidenceExporter>(),
            sp.GetRequiredService<ResourceChangeFilter>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AiSpmFunctionApp>>(), sp.GetService<ScheduledKeyRotation>(),
            sp.GetRequiredService<RuleCatalog>()));
        return services;
    }

    private static void AddRotation(IServiceCollection services)
    {
        services.AddSingleton(sp => new ApprovalLinkSigner(sp.GetRequiredService<ScanOptions>().FingerprintKey!));
        services.AddSingleton(sp => new ApprovalLinks(sp.GetRequiredService<ApprovalLinkSigner>(), sp.GetRequiredService<RotationOptions>()));
        services.AddSingleton(sp => new CheckExposureActivity(sp.GetRequiredService<ArmRestClient>(), sp.GetRequiredService<SecretFingerprinter>(), sp.GetRequiredService<RotationPolicy>()));
        services.AddSingleton(sp => new RegenerateKeySlotActivity(sp.GetRequiredService<ArmRestClient>(), sp.GetRequiredService<IAuditLog>()));
        services.AddSingleton(sp => new StoreCurrentKeyActivity(sp.GetRequiredService<ArmRestClient>(), sp.GetRequiredService<KeyVaultAccess>(), sp.GetRequiredService<SecretFingerprinter>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VerifyRotatedActivity(sp.GetRequiredService<CheckExposureActivity>()));
        services.AddSingleton(sp => new RecordRotationActivity(sp.GetRequiredService<IAuditLog>(), sp.GetService<TeamsWebhookClient>(), sp.GetRequiredService<ILogger<RecordRotationActivity>>()));
        services.AddSingleton(sp => new RequestApprovalActivity(sp.GetService<TeamsWebhookClient>(), sp.GetRequiredService<ApprovalLinks>(), sp.GetRequiredService<IAuditLog>()));
        services.AddSingleton(sp => new EscalateApprovalActivity(sp.GetService<TeamsWebhookClient>()));
        services.AddSingleton(sp => new StartRotationsActivity(sp.GetRequiredService<IFindingStore>(), sp.GetRequiredService<RotationOptions>(), sp.GetRequiredService<ILogger<StartRotationsActivity>>()));
        services.AddSingleton(sp => new RotationRequests(sp.GetRequiredService<ApprovalLinkSigner>(), sp.GetRequiredService<IRotationDecisionLedger>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
    }

    private static void AddStores(IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableFindingStore(s.Table(s.TableNames.Findings)) : null!);
        services.AddSingleton<IFindingStore>(sp => sp.GetRequiredService<TableFindingStore>());
        services.AddSingleton<IAssetStore>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableAssetStore(s.Table(s.TableNames.Assets)) : null!);
        services.AddSingleton<IEdgeStore>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableEdgeStore(s.Table(s.TableNames.Edges)) : null!);
        services.AddSingleton<IScanRunStore>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableScanRunStore(s.Table(s.TableNames.ScanRuns)) : null!);
        services.AddSingleton<ISuppressionStore>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableSuppressionStore(s.Table(s.TableNames.Suppressions)) : null!);
        services.AddSingleton<IShardGraphStore>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableShardGraphStore(s.Table(s.TableNames.ShardGraphs)) : null!);
        services.AddSingleton<ICopilotAdminImportStore>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableCopilotAdminImportStore(s.Table(s.TableNames.CopilotAdminImports)) : null!);
        services.AddSingleton(sp => new Imports.CopilotAdminImporter(sp.GetRequiredService<ICopilotAdminImportStore>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableAuditLog(s.Table(s.TableNames.Audit), sp.GetRequiredService<TimeProvider>()) : null!);
        services.AddSingleton<IRotationDecisionLedger>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableRotationDecisionLedger(s.Table(s.TableNames.Rotations), sp.GetRequiredService<TimeProvider>()) : null!);
        services.AddSingleton<INotificationLedger>(sp => sp.GetRequiredService<StorageClients>() is var s ? new TableNotificationLedger(s.Table(s.TableNames.Notifications)) : null!);
    }

    private static void AddCloudClients(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration[AppSettingNames.ClientId] }));
        services.AddSingleton(sp =>
        {
            var endpoint = configuration[AppSettingNames.ArmEndpoint] is { Length: > 0 } e
                ? Uri.TryCreate(e.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                    ? uri
                    : throw new StorageConfigurationException(AppSettingNames.ArmEndpoint, $"'{AppSettingNames.ArmEndpoint}' must be an absolute https URL, not '{e}'.")
                : null;
            return new ArmConnection(sp.GetRequiredService<TokenCredential>(), endpoint, options: new ArmPipelineOptions(sp.GetRequiredService<CloudApiTimeout>().PerAttempt),
                logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("AiSpm.Arm"));
        });
        if (GraphEnabled(configuration))
        {
            services.AddSingleton(sp => Connectors.Graph.GraphClients.Create(sp.GetRequiredService<TokenCredential>(), callTimeout: sp.GetRequiredService<CloudApiTimeout>().GraphCall));
        }

        services.AddSingleton(sp =>
        {
            var credential = sp.GetRequiredService<TokenCredential>();
            var vaultOptions = new SecretClientOptions();
            vaultOptions.Retry.NetworkTimeout = sp.GetRequiredService<CloudApiTimeout>().PerAttempt;
            var rotationVault = configuration[AppSettingNames.KeyVaultUri] is { Length: > 0 } vaultUri
                ? Uri.TryCreate(vaultUri.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                    ? new SecretClient(uri, credential, vaultOptions)
                    : throw new StorageConfigurationException(AppSettingNames.KeyVaultUri, $"'{AppSettingNames.KeyVaultUri}' must be the https URI of a Key Vault, not '{vaultUri}'.")
                : null;
            return new KeyVaultAccess((uri, _) => new SecretClient(uri, credential, vaultOptions), rotationVault);
        });
    }

    private static void AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
        if (TeamsNotifierOptions.FromConfiguration(configuration) is { } teams)
        {
            services.AddSingleton(teams);
        }

        services.AddSingleton(sp => sp.GetService<TeamsNotifierOptions>() is { } options
            ? new TeamsWebhookClient(options.WebhookUri, options.Pipeline, sp.GetRequiredService<ILoggerFactory>().CreateLogger("AiSpm.Teams"))
            : null!);
        services.AddSingleton(sp => sp.GetService<TeamsNotifierOptions>() is { } options
            ? new TeamsNotifier(sp.GetRequiredService<IFindingStore>(), sp.GetRequiredService<ISuppressionStore>(), sp.GetRequiredService<INotificationLedger>(),
                sp.GetRequiredService<TeamsWebhookClient>(), options, sp.GetRequiredService<ILogger<TeamsNotifier>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ScanPolicy>())
            : null!);
    }

    private static bool GraphEnabled(IConfiguration configuration) => SwitchSetting.Read(configuration, AppSettingNames.GraphEnabled);
}

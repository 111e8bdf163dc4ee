using System.Text.Json;
using AiSpm.Core.Secrets;

namespace AiSpm.Core.Inventory.Credentials;

/// <summary>
/// Scans raw API JSON for exposed credentials, as the APIs return it: App Service / Functions app settings
/// (<c>config/appsettings/list</c>; Key Vault references are not values), Container Apps environment variables
/// (<c>value</c>, not <c>secretRef</c>), and deployment history (parameters and outputs that are not secure types).
/// Account keys (<c>listKeys</c>) are turned into fingerprints at once and their values dropped; an exposed Azure key
/// is attributed by fingerprint to its account and slot. Pure: reads nothing, stores no value.
/// </summary>
public sealed class CredentialInventoryBuilder(SecretFingerprinter fingerprinter)
{
    private readonly SecretScanner _scanner = new(fingerprinter);
    private readonly List<CredentialExposure> _exposures = [];
    private readonly List<string> _scanned = [];
    private readonly List<AccountKeyFingerprints> _accounts = [];
    private readonly List<(VaultSecret Secret, SecretFingerprint? Fingerprint)> _vaultSecrets = [];
    private readonly List<EndpointReference> _endpoints = [];

    /// <summary>Adds an account's keys (a listKeys answer: <c>key1</c>/<c>key2</c>, or Search's <c>primaryKey</c>/<c>secondaryKey</c>).</summary>
    public CredentialInventoryBuilder AddAccountKeys(string accountId, JsonElement listKeys, IReadOnlyList<string>? endpointHosts = null)
    {
        if (AccountKeyFingerprints.FromKeyList(accountId, listKeys, fingerprinter, endpointHosts) is { } account)
        {
            _accounts.Add(account);
        }

        return this;
    }

    /// <summary>Adds a site's app settings (the <c>config/appsettings/list</c> answer, or just its <c>properties</c>).</summary>
    public CredentialInventoryBuilder AddAppSettings(string siteId, JsonElement appSettings)
    {
        var properties = appSettings.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : appSettings;
        var settings = properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(s => new KeyValuePair<string, string?>(s.Name, s.Value.ValueKind == JsonValueKind.String ? s.Value.GetString() : null)).ToList()
            : [];
        Scan(siteId, "appSetting", settings);
        return this;
    }

    /// <summary>Records a source that no longer exists as scanned with nothing exposed (what it exposed is gone with it).</summary>
    public CredentialInventoryBuilder AddRemovedSource(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        _scanned.Add(resourceId);
        return this;
    }

    /// <summary>Adds a container app (the ARM object): every container's <c>env</c> entries that hold a <c>value</c>.</summary>
    public CredentialInventoryBuilder AddContainerApp(JsonElement containerApp)
    {
        var id = containerApp.GetProperty("id").GetString()!;
        var settings = new List<KeyValuePair<string, string?>>();
        if (containerApp.TryGetProperty("properties", out var properties) && properties.TryGetProperty("template", out var template)
            && template.TryGetProperty("containers", out var containers) && containers.ValueKind == JsonValueKind.Array)
        {
            foreach (var container in containers.EnumerateArray())
            {
                if (container.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Array)
                {
                    foreach (var variable in env.EnumerateArray())
                    {
                        if (variable.TryGetProperty("name", out var n) && variable.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String)
                        {
                            settings.Add(new(n.GetString()!, v.GetString()));
                        }
                    }
                }
            }
        }

        Scan(id, "containerAppEnv", settings);
        return this;
    }

    /// <summary>Adds a deployment (Microsoft.Resources/deployments object): parameter and output values that are not secure types.</summary>
    public CredentialInventoryBuilder AddDeployment(JsonElement deployment)
    {
        var id = deployment.GetProperty("id").GetString()!;
        if (!deployment.TryGetProperty("properties", out var properties))
        {
            return this;
        }

        foreach (var (section, kind) in new[] { ("parameters", "deploymentParameter"), ("outputs", "deploymentOutput") })
        {
            var settings = new List<KeyValuePair<string, string?>>();
            if (properties.TryGetProperty(section, out var values) && values.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in values.EnumerateObject())
                {
                    var type = entry.Value.TryGetProperty("type", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                    if (type.StartsWith("Secure", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (entry.Value.TryGetProperty("value", out var value))
                    {
                        settings.Add(new(entry.Name, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()));
                    }
                }
            }

            Scan(id, kind, settings);
        }

        return this;
    }

    /// <summary>
    /// Adds a Key Vault secret's metadata; its value, when given, is only fingerprinted and matched against the AI key
    /// detectors and the accounts' keys, then dropped.
    /// </summary>
    public CredentialInventoryBuilder AddVaultSecret(VaultSecret metadata, string? value)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        SecretFingerprint? fingerprint = null;
        var detected = metadata.DetectedProvider;
        if (!string.IsNullOrEmpty(value))
        {
            fingerprint = fingerprinter.Compute(value);
            detected ??= _scanner.ScanSetting(metadata.Name, value).Select(m => m.Provider).Where(p => p != SecretProvider.MicrosoftEntra).Select(p => p.ToString()).FirstOrDefault();
        }

        _vaultSecrets.Add((metadata with { DetectedProvider = detected }, fingerprint));
        return this;
    }

    /// <summary>True when an Azure key was found, so the accounts' keys are worth reading for attribution.</summary>
    public bool NeedsAttribution => _vaultSecrets.Any(v => v.Fingerprint is not null) || _exposures.Any(e => e.Match.Provider is SecretProvider.AzureOpenAI or SecretProvider.AzureAIServices
        or SecretProvider.AzureCognitiveServices or SecretProvider.AzureAISearch);

    /// <summary>Builds the inventory, attributing Azure keys to the accounts added.</summary>
    public CredentialInventory Build() => new(
        _exposures.Select(e => e with { Attribution = KeyAttribution.Attribute(e.Match, _accounts) }).ToList(),
        _scanned.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        _vaultSecrets.Select(v => v.Fingerprint is { } fp && KeyAttribution.Attribute(fp, null, _accounts) is { } owner
            ? v.Secret with { AttributedAccountId = owner.AccountId }
            : v.Secret).ToList(),
        _endpoints.DistinctBy(e => (e.SourceResourceId.ToUpperInvariant(), e.Location, e.Host)).ToList());

    private void Scan(string resourceId, string kind, IReadOnlyCollection<KeyValuePair<string, string?>> settings)
    {
        _scanned.Add(resourceId);
        foreach (var match in _scanner.ScanSettings(settings))
        {
            _exposures.Add(new CredentialExposure(resourceId, kind, match.SettingName ?? "(value)", match, null));
        }

        // A running app's settings that name an AI endpoint make it a client of that AI (a deployment's parameters
        // and outputs name endpoints without calling them).
        if (kind is "appSetting" or "containerAppEnv")
        {
            foreach (var (name, value) in settings)
            {
                if (value is not null)
                {
                    _endpoints.AddRange(SecretContext.ForText(value).Endpoints.Select(e => new EndpointReference(resourceId, kind, name, e.Host, e.Family)));
                }
            }
        }
    }
}

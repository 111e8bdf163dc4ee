using Azure.Security.KeyVault.Secrets;

namespace AiSpm.Application.Configuration;

/// <summary>
/// How AiSpm reaches Key Vault: <see cref="ClientFor"/> opens any vault an app setting references (the credential
/// collector reads whether a referenced secret exists), <see cref="RotationVault"/> is the vault rotation writes new
/// key versions to (<c>AISPM_KEYVAULT_URI</c>), if any.
/// </summary>
/// <param name="ClientFor">A client for a vault by URI and name, or null when it cannot be reached.</param>
/// <param name="RotationVault">The vault holding the AI keys consumers read.</param>
public sealed record KeyVaultAccess(Func<Uri, string, SecretClient?> ClientFor, SecretClient? RotationVault);

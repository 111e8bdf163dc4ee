using AiSpm.Core.Secrets;

namespace AiSpm.Core.Inventory.Credentials;

/// <summary>
/// A setting that names an AI endpoint: the resource is a client of that account or Search service, whether it
/// authenticates with a key (then a <see cref="CredentialExposure"/> says so too) or with its identity.
/// </summary>
/// <param name="SourceResourceId">The resource holding the setting (site, container app).</param>
/// <param name="SourceKind">appSetting or containerAppEnv.</param>
/// <param name="Location">The setting or variable name.</param>
/// <param name="Host">The endpoint host, lower case (<c>oai-contoso.openai.azure.com</c>).</param>
/// <param name="Family">Which kind of service answers on the host.</param>
public sealed record EndpointReference(string SourceResourceId, string SourceKind, string Location, string Host, AzureEndpointFamily Family);

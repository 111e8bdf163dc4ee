// AiSpm on Azure Functions (Flex Consumption, .NET isolated worker with Durable Functions), deployed with `azd up`.
// Shape follows the azd Functions quickstarts: subscription scope, one resource group, a user-assigned identity,
// identity-based host storage, Application Insights with local auth off, and role assignments named guid(scope, principal, role).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used in resource names and tags.')
param environmentName string

@minLength(1)
@description('Region of the app and its resources.')
param location string

@description('Object id of the deploying user (azd sets it), granted data access for local development.')
param principalId string = ''

@description('Subscriptions to scan (Reader is granted on each; empty = this subscription only).')
param scanSubscriptionIds array = []

@description('What AiSpm may do about exposed AI keys.')
@allowed([ 'Off', 'DryRun', 'Approval', 'Auto' ])
param remediationMode string = 'DryRun'

@secure()
@description('Teams Workflows webhook URL for cards (stored in Key Vault; empty = no Teams notifications).')
param teamsWebhookUrl string = ''

@description('Scan schedule: six-field NCRONTAB, UTC.')
param scanSchedule string = '0 0 */6 * * *'

@description('Hosting plan: Flex Consumption (custom runtime) or Elastic Premium as the documented fallback.')
@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param hostingPlan string = 'FlexConsumption'

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var scanned = empty(scanSubscriptionIds) ? [ subscription().subscriptionId ] : scanSubscriptionIds

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity './app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}aispm-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage './app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module vault './app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}aispm-${resourceToken}'
    location: location
    tags: tags
    teamsWebhookUrl: teamsWebhookUrl
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}aispm-${resourceToken}'
    planName: '${abbrs.webServerFarms}aispm-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    hostingPlan: hostingPlan
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    keyVaultUri: vault.outputs.uri
    teamsWebhookSecretUri: vault.outputs.teamsWebhookSecretUri
    remediationMode: remediationMode
    scanSchedule: scanSchedule
    scanSubscriptionIds: scanned
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: vault.outputs.name
    userPrincipalId: principalId
  }
}

// Reader on every scanned subscription in this deployment's reach; other subscriptions or a management group are granted by
// scripts/grant-scan-scope.sh (a role assignment outside this subscription cannot be made from here).
module scanReader './app/scan-reader.bicep' = {
  name: 'scan-reader'
  params: {
    identityPrincipalId: identity.outputs.principalId
    remediationMode: remediationMode
  }
}

module events './app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    subscriptionTopicName: '${abbrs.eventGridDomainsTopics}aispm-arm-${resourceToken}'
    vaultTopicName: '${abbrs.eventGridDomainsTopics}aispm-kv-${resourceToken}'
    location: location
    tags: tags
    keyVaultId: vault.outputs.id
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AISPM_OWN_OBJECT_ID string = identity.outputs.principalId
output AISPM_KEYVAULT_URI string = vault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output EVENTGRID_SUBSCRIPTION_TOPIC string = events.outputs.subscriptionTopicName
output EVENTGRID_VAULT_TOPIC string = events.outputs.vaultTopicName
output AISPM_SCAN_SCHEDULE string = scanSchedule
output AISPM_ROTATION_MODE string = remediationMode

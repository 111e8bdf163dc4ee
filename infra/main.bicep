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

@description('Subscriptions to scan: each gets AiSpm\'s roles and an Event Grid system topic delivering its AI resource changes (empty = this subscription only).')
param scanSubscriptionIds array = []

@description('What AiSpm may do about exposed AI keys.')
@allowed([ 'Off', 'DryRun', 'Approval', 'Auto' ])
param remediationMode string = 'DryRun'

@description('Rotation: time between storing the fresh partner key in Key Vault and regenerating the exposed key ([d.]hh:mm:ss).')
param rotationConsumerWait string = '01:00:00'

@description('Rotation, Approval mode: how long an approval card waits before the rotation is escalated ([d.]hh:mm:ss).')
param rotationApprovalTimeout string = '1.00:00:00'

@secure()
@description('Teams Workflows webhook URL for cards (stored in Key Vault; empty = no Teams notifications).')
param teamsWebhookUrl string = ''

@description('Scan schedule: six-field NCRONTAB, UTC.')
param scanSchedule string = '0 0 */6 * * *'

@description('AISPM_POLICY: the policy file (docs/policy.md) as the https URL of a blob the app identity can read, or a path in the deployment package; empty = the AiSpm.Default baseline.')
param aispmPolicy string = ''

@description('Hosting plan: Flex Consumption (custom runtime) or Elastic Premium as the documented fallback.')
@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param hostingPlan string = 'FlexConsumption'

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var scanned = empty(scanSubscriptionIds) ? [ subscription().subscriptionId ] : scanSubscriptionIds
var eventsResourceGroupName = '${abbrs.resourcesResourceGroups}${environmentName}-events'

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
    storeTeamsWebhook: !empty(teamsWebhookUrl)
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
    rotationConsumerWait: rotationConsumerWait
    rotationApprovalTimeout: rotationApprovalTimeout
    taskHubName: 'aispm${resourceToken}'
    scanSchedule: scanSchedule
    scanSubscriptionIds: scanned
    aispmPolicy: aispmPolicy
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

// Every scanned subscription (each in this deployment's reach; a management group or subscriptions outside it are
// granted by scripts/grant-scan-scope.sh): AiSpm's roles there, and its ARM events delivered to AiSpm's queue.
module customRoles './app/custom-roles.bicep' = {
  name: 'custom-roles'
  params: {
    scannedSubscriptionIds: scanned
    remediationMode: remediationMode
  }
}

module scannedSubscriptions './app/scanned-subscription.bicep' = [for (subscriptionId, i) in scanned: {
  name: 'aispm-scanned-${i}-${resourceToken}'
  scope: subscription(subscriptionId)
  params: {
    identityPrincipalId: identity.outputs.principalId
    credentialReaderRoleName: customRoles.outputs.credentialReaderRoleName
    keyRotatorRoleName: customRoles.outputs.keyRotatorRoleName
    resourceGroupName: eventsResourceGroupName
    location: location
    tags: tags
    topicName: '${abbrs.eventGridDomainsTopics}aispm-arm-${resourceToken}'
  }
}]

module eventDelivery './app/event-delivery-roles.bicep' = {
  name: 'event-delivery-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalIds: [for i in range(0, length(scanned)): scannedSubscriptions[i].outputs.topicPrincipalId]
  }
}

module resourceEvents './app/resource-events.bicep' = [for (subscriptionId, i) in scanned: {
  name: 'aispm-resource-events-${i}-${resourceToken}'
  scope: resourceGroup(subscriptionId, eventsResourceGroupName)
  dependsOn: [ eventDelivery ]
  params: {
    topicName: scannedSubscriptions[i].outputs.topicName
    storageAccountId: storage.outputs.id
    queueName: storage.outputs.resourceEventsQueueName
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}]

module vaultEvents './app/vault-events.bicep' = {
  name: 'vault-events'
  scope: rg
  params: {
    topicName: '${abbrs.eventGridDomainsTopics}aispm-kv-${resourceToken}'
    location: location
    tags: tags
    keyVaultId: vault.outputs.id
    storageAccountName: storage.outputs.name
    queueName: storage.outputs.vaultEventsQueueName
    deadLetterContainerName: storage.outputs.deadLetterContainerName
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
output EVENTGRID_VAULT_TOPIC string = vaultEvents.outputs.topicName
output AISPM_EVENTS_RESOURCE_GROUP string = eventsResourceGroupName
output AISPM_SCAN_SCHEDULE string = scanSchedule
output AISPM_ROTATION_MODE string = remediationMode

// The Function app: the .NET isolated worker (dotnet-isolated, the .NET version the app targets) on Flex Consumption,
// or Elastic Premium as the fallback. Identity-based host storage; every AiSpm setting the code reads is set here
// (AppSettingNames.SetByInfrastructure; a structural test checks the list against this file).
param name string
param planName string
param location string
param tags object
@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param hostingPlan string
param identityId string
param identityClientId string
param identityPrincipalId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param keyVaultUri string
param teamsWebhookSecretUri string
param fingerprintKeySecretUri string = ''
param remediationMode string
@description('AISPM_ROTATION_CONSUMER_WAIT: [d.]hh:mm:ss between storing the fresh partner key and regenerating the exposed one.')
param rotationConsumerWait string
@description('AISPM_ROTATION_APPROVAL_TIMEOUT: [d.]hh:mm:ss an approval card waits before the rotation is escalated.')
param rotationApprovalTimeout string
@description('The Durable task hub (host.json hubName %AISPM_TASK_HUB%): one per environment, so two installations sharing storage never share orchestrations.')
param taskHubName string
param scanSchedule string
param scanSubscriptionIds array
@description('AISPM_POLICY: a blob URL or a path in the package; empty = the AiSpm.Default baseline.')
param aispmPolicy string = ''

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

var flex = hostingPlan == 'FlexConsumption'
var appSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AISPM_TASK_HUB: taskHubName
  AISPM_SCAN_SCHEDULE: scanSchedule
  AISPM_SUBSCRIPTIONS: join(scanSubscriptionIds, ',')
  AISPM_POLICY: aispmPolicy
  AZURE_CLIENT_ID: identityClientId
  AISPM_OWN_OBJECT_ID: identityPrincipalId
  AISPM_ROTATION_MODE: remediationMode
  AISPM_ROTATION_CONSUMER_WAIT: rotationConsumerWait
  AISPM_ROTATION_APPROVAL_TIMEOUT: rotationApprovalTimeout
  AISPM_KEYVAULT_URI: keyVaultUri
  AISPM_TEAMS_WEBHOOK_URL: empty(teamsWebhookSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${teamsWebhookSecretUri})'
  AISPM_FINGERPRINT_KEY: empty(fingerprintKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${fingerprintKeySecretUri})'
}
var premiumSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: flex ? 'functionapp' : 'elastic'
  sku: flex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      linuxFxVersion: flex ? null : 'DOTNET-ISOLATED|10.0'
    }
    functionAppConfig: flex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { instanceMemoryMB: 2048, maximumInstanceCount: 40 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    } : null
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: flex ? appSettings : union(appSettings, premiumSettings)
}

output name string = app.name
output id string = app.id

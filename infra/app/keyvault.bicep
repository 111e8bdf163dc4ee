// AiSpm's Key Vault: RBAC authorization, purge protection, its own audit logs (AiSpm's rules apply to AiSpm).
// Holds the Teams webhook URL (a secret) and is where rotated AI keys can live.
param name string
param location string
param tags object
@secure()
param teamsWebhookUrl string
@description('Whether a Teams webhook URL was given (the URL itself is secure and never reaches an output).')
param storeTeamsWebhook bool
param logAnalyticsWorkspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource teams 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeTeamsWebhook) {
  parent: vault
  name: 'aispm-teams-webhook-url'
  properties: {
    value: teamsWebhookUrl
    contentType: 'text/plain'
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [ { categoryGroup: 'audit', enabled: true } ]
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
output teamsWebhookSecretUri string = storeTeamsWebhook ? '${vault.properties.vaultUri}secrets/aispm-teams-webhook-url' : ''

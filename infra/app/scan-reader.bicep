// What AiSpm may do in the subscription it scans: read (Reader), read app settings and account keys in memory for
// attribution (a custom role with only those actions), read Key Vault secret metadata, and — only when remediation
// is not Off — regenerate AI account keys and AI Search admin keys (a custom role with only those actions).
targetScope = 'subscription'

param identityPrincipalId string
@allowed([ 'Off', 'DryRun', 'Approval', 'Auto' ])
param remediationMode string

var reader = 'acdd72a7-3374-42d3-a997-57ed4fee3d8d'
var keyVaultReader = '21090545-7ca7-4776-b22c-e363652d74d2'

resource credentialReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'aispm-credential-reader')
  properties: {
    roleName: 'AiSpm Credential Reader (${subscription().subscriptionId})'
    description: 'Reads app settings and AI account keys in memory, to find and attribute exposed AI keys. Nothing is written.'
    type: 'CustomRole'
    assignableScopes: [ subscription().id ]
    permissions: [
      {
        actions: [
          'Microsoft.Web/sites/config/list/action'
          'Microsoft.CognitiveServices/accounts/listKeys/action'
          'Microsoft.Search/searchServices/listAdminKeys/action'
        ]
        notActions: []
      }
    ]
  }
}

resource keyRotator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (remediationMode != 'Off') {
  name: guid(subscription().id, 'aispm-key-rotator')
  properties: {
    roleName: 'AiSpm Key Rotator (${subscription().subscriptionId})'
    description: 'Regenerates one key of an AI Services / Azure OpenAI account, or one admin key of an AI Search service, whose other key is stored in Key Vault.'
    type: 'CustomRole'
    assignableScopes: [ subscription().id ]
    permissions: [
      {
        actions: [
          'Microsoft.CognitiveServices/accounts/regenerateKey/action'
          'Microsoft.Search/searchServices/regenerateAdminKey/action'
        ]
        notActions: []
      }
    ]
  }
}

resource readerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, identityPrincipalId, reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultReaderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, identityPrincipalId, keyVaultReader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultReader)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource credentialReaderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, identityPrincipalId, credentialReader.id)
  properties: {
    roleDefinitionId: credentialReader.id
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource keyRotatorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (remediationMode != 'Off') {
  name: guid(subscription().id, identityPrincipalId, 'aispm-key-rotator')
  properties: {
    roleDefinitionId: keyRotator.id
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

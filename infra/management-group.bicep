// AiSpm's roles on a whole management group, for estates scanned at that scope (scripts/grant-scan-scope.sh deploys it
// with `az deployment mg create`; a subscription-scope deployment cannot reach a management group): Reader, Key Vault
// Reader, and the Credential Reader and (unless remediation is Off) Key Rotator custom roles defined at the group, so
// they are assignable in every subscription under it. Change events still come per subscription (infra/main.bicep).
targetScope = 'managementGroup'

@description('Object id of the app\'s managed identity (azd env get-value AISPM_OWN_OBJECT_ID).')
param identityPrincipalId string

@allowed([ 'Off', 'DryRun', 'Approval', 'Auto' ])
param remediationMode string = 'DryRun'

var reader = 'acdd72a7-3374-42d3-a997-57ed4fee3d8d'
var keyVaultReader = '21090545-7ca7-4776-b22c-e363652d74d2'

resource credentialReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(managementGroup().id, 'aispm-credential-reader')
  properties: {
    roleName: 'AiSpm Credential Reader (${managementGroup().name})'
    description: 'Reads app settings and AI account keys in memory, to find and attribute exposed AI keys. Nothing is written.'
    type: 'CustomRole'
    assignableScopes: [ managementGroup().id ]
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
  name: guid(managementGroup().id, 'aispm-key-rotator')
  properties: {
    roleName: 'AiSpm Key Rotator (${managementGroup().name})'
    description: 'Regenerates one key of an AI Services / Azure OpenAI account, or one admin key of an AI Search service, whose other key is stored in Key Vault.'
    type: 'CustomRole'
    assignableScopes: [ managementGroup().id ]
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

resource builtIn 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [ reader, keyVaultReader ]: {
  name: guid(managementGroup().id, identityPrincipalId, role)
  properties: {
    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource credentialReaderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, identityPrincipalId, 'aispm-credential-reader')
  properties: {
    roleDefinitionId: credentialReader.id
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource keyRotatorAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (remediationMode != 'Off') {
  name: guid(managementGroup().id, identityPrincipalId, 'aispm-key-rotator')
  properties: {
    roleDefinitionId: keyRotator.id
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

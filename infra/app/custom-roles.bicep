// AiSpm's two custom roles, defined once in the deployment subscription and assignable in every scanned one:
// Credential Reader (read app settings and AI account keys in memory, to find and attribute exposed keys; nothing is
// written) and — only when remediation is not Off — Key Rotator (regenerate one key of an AI account or one admin key
// of a Search service).
targetScope = 'subscription'

@description('Subscriptions the roles must be assignable in.')
param scannedSubscriptionIds array
@allowed([ 'Off', 'DryRun', 'Approval', 'Auto' ])
param remediationMode string

var assignableScopes = [for id in scannedSubscriptionIds: '/subscriptions/${id}']

resource credentialReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'aispm-credential-reader')
  properties: {
    roleName: 'AiSpm Credential Reader (${subscription().subscriptionId})'
    description: 'Reads app settings and AI account keys in memory, to find and attribute exposed AI keys. Nothing is written.'
    type: 'CustomRole'
    assignableScopes: union([ subscription().id ], assignableScopes)
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
    assignableScopes: union([ subscription().id ], assignableScopes)
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

output credentialReaderRoleName string = credentialReader.name
output keyRotatorRoleName string = remediationMode != 'Off' ? keyRotator.name : ''

// What one scanned subscription gets: AiSpm's roles there (Reader, Key Vault Reader, the Credential Reader custom
// role and, unless remediation is Off, the Key Rotator), and a resource group with the subscription's Event Grid system
// topic, whose managed identity delivers AI resource changes to AiSpm's storage queue (resource-events.bicep).
targetScope = 'subscription'

param identityPrincipalId string
@description('Name (guid) of the Credential Reader role definition.')
param credentialReaderRoleName string
@description('Name (guid) of the Key Rotator role definition; empty when remediation is Off.')
param keyRotatorRoleName string
param resourceGroupName string
param location string
param tags object
param topicName string

var reader = 'acdd72a7-3374-42d3-a997-57ed4fee3d8d'
var keyVaultReader = '21090545-7ca7-4776-b22c-e363652d74d2'
var roles = union([ reader, keyVaultReader, credentialReaderRoleName ], empty(keyRotatorRoleName) ? [] : [ keyRotatorRoleName ])

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(subscription().id, identityPrincipalId, role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource events 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module topic './subscription-topic.bicep' = {
  name: 'aispm-subscription-topic'
  scope: events
  params: {
    name: topicName
    tags: tags
  }
}

output topicName string = topic.outputs.name
output topicPrincipalId string = topic.outputs.principalId

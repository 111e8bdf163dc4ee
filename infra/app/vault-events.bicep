// AiSpm's Key Vault events: SecretNearExpiry of the vault's secrets goes to the queue aispm-vault-events (the
// SecretNearExpiry function, scheduled rotation), delivered with the system topic's identity; dead letters to blob.
param topicName string
param location string
param tags object
param keyVaultId string
param storageAccountName string
param queueName string
param deadLetterContainerName string

var queueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
var blobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: topicName
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: keyVaultId
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

resource delivery 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [ queueDataMessageSender, blobDataContributor ]: {
  name: guid(storage.id, topicName, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource nearExpiry 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'aispm-secret-near-expiry'
  dependsOn: [ delivery ]
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    deliveryWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storage.id
          queueName: queueName
          queueMessageTimeToLiveInSeconds: 86400
        }
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.KeyVault.SecretNearExpiry' ]
    }
    retryPolicy: { maxDeliveryAttempts: 10, eventTimeToLiveInMinutes: 1440 }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output topicName string = topic.name

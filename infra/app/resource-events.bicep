// The Event Grid subscription on one subscription's system topic: writes, deletes and actions on AI resources and on
// the places AI keys are pasted into (sites and their app settings, container apps, deployments) go to AiSpm's queue
// aispm-resource-events (the ResourceChanged function), delivered with the topic's own identity; what cannot be
// delivered goes to the dead-letter container.
param topicName string
param storageAccountId string
param queueName string
param deadLetterContainerName string

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

resource changes 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'aispm-ai-resource-changes'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    deliveryWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storageAccountId
          queueName: queueName
          queueMessageTimeToLiveInSeconds: 86400
        }
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Resources.ResourceWriteSuccess'
        'Microsoft.Resources.ResourceDeleteSuccess'
        'Microsoft.Resources.ResourceActionSuccess'
      ]
      advancedFilters: [
        {
          operatorType: 'StringBeginsWith'
          key: 'data.operationName'
          values: [
            'Microsoft.CognitiveServices/'
            'Microsoft.MachineLearningServices/'
            'Microsoft.Search/'
            'Microsoft.BotService/'
            'Microsoft.Web/sites/'
            'Microsoft.App/containerApps/'
            'Microsoft.Resources/deployments/'
          ]
        }
      ]
    }
    retryPolicy: { maxDeliveryAttempts: 10, eventTimeToLiveInMinutes: 1440 }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output name string = changes.name

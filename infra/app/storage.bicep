// Host and AiSpm storage: deployment package container, the Event Grid queues and tables (findings, runs, audit…);
// the Durable task hub's queues, tables and blobs are created by the extension.
// Shared keys off: everything authenticates with the managed identity.
param name string
param location string
param tags object

var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'aispm-dead-letters'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
}

// Events Event Grid could not deliver (after its retries), one blob each, for an operator to replay or discard.
resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deadLetterContainerName
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Event Grid delivers to these queues (storage-queue event handler); the ResourceChanged and SecretNearExpiry
// functions are queue-triggered on them, and the Functions host moves what fails five times to <name>-poison.
resource resourceEvents 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'aispm-resource-events'
}

resource vaultEvents 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: 'aispm-vault-events'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// AiSpm's tables (AiSpmTables.All, no prefix; docs/storage.md): created here, so the app's first write finds them.
var aispmTableNames = [
  'Findings'
  'Assets'
  'GraphEdges'
  'ScanRuns'
  'Suppressions'
  'Audit'
  'Rotations'
  'Notifications'
  'CopilotAdminImports'
  'ShardGraphs'
]

resource aispmTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for name in aispmTableNames: {
  parent: tables
  name: name
}]

output name string = storage.name
output id string = storage.id
output deploymentContainerName string = deploymentContainerName
output deadLetterContainerName string = deadLetters.name
output resourceEventsQueueName string = resourceEvents.name
output vaultEventsQueueName string = vaultEvents.name

#!/usr/bin/env sh
# azd postdeploy: creates the Event Grid subscriptions. Event Grid delivers to Storage queues (the isolated worker's
# queue trigger reads them; the queue is also the buffer):
#  - ARM changes of AI resources, and of the places AI keys are pasted into (sites and their app settings, container
#    apps, deployments), on the subscription system topic → queue aispm-resource-events → ResourceChanged
#  - Key Vault SecretNearExpiry on AiSpm's vault topic → queue aispm-vault-events → SecretNearExpiry
set -eu
rg="$(azd env get-value RESOURCE_GROUP)"
app="$(azd env get-value AZURE_FUNCTION_APP_NAME)"
armTopic="$(azd env get-value EVENTGRID_SUBSCRIPTION_TOPIC)"
kvTopic="$(azd env get-value EVENTGRID_VAULT_TOPIC)"
storageId="$(az storage account show -g "$rg" -n "$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)" --query id -o tsv)"

az eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$armTopic" -n aispm-ai-resource-changes \
  --endpoint-type storagequeue --endpoint "$storageId/queueServices/default/queues/aispm-resource-events" \
  --included-event-types Microsoft.Resources.ResourceWriteSuccess Microsoft.Resources.ResourceDeleteSuccess Microsoft.Resources.ResourceActionSuccess \
  --advanced-filter data.operationName StringBeginsWith Microsoft.CognitiveServices/ Microsoft.MachineLearningServices/ Microsoft.Search/ Microsoft.BotService/ \
    Microsoft.Web/sites/ Microsoft.App/containerApps/ Microsoft.Resources/deployments/ \
  --max-delivery-attempts 10 --event-ttl 1440 >/dev/null

az eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$kvTopic" -n aispm-secret-near-expiry \
  --endpoint-type storagequeue --endpoint "$storageId/queueServices/default/queues/aispm-vault-events" \
  --included-event-types Microsoft.KeyVault.SecretNearExpiry \
  --max-delivery-attempts 10 --event-ttl 1440 >/dev/null

echo "Event Grid subscriptions created for $app."

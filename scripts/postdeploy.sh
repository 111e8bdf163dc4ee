#!/usr/bin/env sh
# azd postdeploy: creates the Event Grid subscriptions, which need the deployed functions.
#  - ARM changes of AI resources, and of the places AI keys are pasted into (sites and their app settings, container
#    apps, deployments), on the subscription system topic → ResourceChanged
#  - Key Vault SecretNearExpiry on AiSpm's vault topic → SecretNearExpiry
set -eu
rg="$(azd env get-value RESOURCE_GROUP)"
app="$(azd env get-value AZURE_FUNCTION_APP_NAME)"
armTopic="$(azd env get-value EVENTGRID_SUBSCRIPTION_TOPIC)"
kvTopic="$(azd env get-value EVENTGRID_VAULT_TOPIC)"
appId="$(az functionapp show -g "$rg" -n "$app" --query id -o tsv)"

az eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$armTopic" -n aispm-ai-resource-changes \
  --endpoint-type azurefunction --endpoint "$appId/functions/ResourceChanged" \
  --included-event-types Microsoft.Resources.ResourceWriteSuccess Microsoft.Resources.ResourceDeleteSuccess Microsoft.Resources.ResourceActionSuccess \
  --advanced-filter data.operationName StringBeginsWith Microsoft.CognitiveServices/ Microsoft.MachineLearningServices/ Microsoft.Search/ Microsoft.BotService/ \
    Microsoft.Web/sites/ Microsoft.App/containerApps/ Microsoft.Resources/deployments/ \
  --max-delivery-attempts 10 --event-ttl 1440 >/dev/null

az eventgrid system-topic event-subscription create -g "$rg" --system-topic-name "$kvTopic" -n aispm-secret-near-expiry \
  --endpoint-type azurefunction --endpoint "$appId/functions/SecretNearExpiry" \
  --included-event-types Microsoft.KeyVault.SecretNearExpiry \
  --max-delivery-attempts 10 --event-ttl 1440 >/dev/null

echo "Event Grid subscriptions created for $app."

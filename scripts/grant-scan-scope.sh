#!/usr/bin/env sh
# Grants AiSpm's identity read access to a scope the deployment did not reach: a management group, or a subscription
# the deploying identity cannot assign roles in (the deployment grants every subscription in AISPM_SCAN_SUBSCRIPTION_IDS,
# with its Event Grid topic; scopes granted here are scanned on schedule, without change events). Usage: scripts/grant-scan-scope.sh /subscriptions/<id> | /providers/Microsoft.Management/managementGroups/<mg>
set -eu
scope="$1"
principal="$(azd env get-value AISPM_OWN_OBJECT_ID)"
az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role Reader --scope "$scope" >/dev/null
az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role "Key Vault Reader" --scope "$scope" >/dev/null
echo "Reader and Key Vault Reader granted on $scope. Add the subscriptions to AISPM_SUBSCRIPTIONS (or leave it empty to scan all readable)."

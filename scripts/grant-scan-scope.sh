#!/usr/bin/env sh
# Grants AiSpm's identity its roles on a scope the deployment did not reach (the deployment grants every subscription in
# AISPM_SCAN_SUBSCRIPTION_IDS, with its Event Grid topic; scopes granted here are scanned on schedule, without change
# events unless their subscriptions are added to AISPM_SCAN_SUBSCRIPTION_IDS and provisioned again).
#   scripts/grant-scan-scope.sh /providers/Microsoft.Management/managementGroups/<mg>
#       deploys infra/management-group.bicep there: Reader, Key Vault Reader, and the Credential Reader and (unless
#       remediation is Off) Key Rotator custom roles defined at the group
#   scripts/grant-scan-scope.sh /subscriptions/<id>
#       Reader and Key Vault Reader on that subscription
# Idempotent: role assignments are named deterministically, an existing one is left as it is.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: scripts/grant-scan-scope.sh /providers/Microsoft.Management/managementGroups/<mg> | /subscriptions/<id>" >&2
  exit 2
fi
scope="$1"
principal="$(azd env get-value AISPM_OWN_OBJECT_ID)"
mode="$(azd env get-value AISPM_REMEDIATION_MODE 2>/dev/null || echo DryRun)"
case "$scope" in
  /providers/Microsoft.Management/managementGroups/*)
    group="${scope##*/}"
    az deployment mg create --management-group-id "$group" --location "$(azd env get-value AZURE_LOCATION)" \
      --name "aispm-scope-$group" --template-file "$(dirname "$0")/../infra/management-group.bicep" \
      --parameters identityPrincipalId="$principal" remediationMode="$mode" >/dev/null
    echo "AiSpm's roles granted on management group $group." ;;
  /subscriptions/*)
    az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role Reader --scope "$scope" >/dev/null
    az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role "Key Vault Reader" --scope "$scope" >/dev/null
    echo "Reader and Key Vault Reader granted on $scope. Add it to AISPM_SCAN_SUBSCRIPTION_IDS and run azd provision for its events and the custom roles." ;;
  *)
    echo "grant-scan-scope: '$scope' is neither a management group nor a subscription id." >&2
    exit 2 ;;
esac

#!/usr/bin/env sh
# Grants the app's managed identity the Microsoft Graph application permissions AiSpm reads with (admin consent:
# run as a Privileged Role Administrator or Global Administrator). Each permission and what degrades without it is
# listed in docs/deploy.md. Bicep cannot grant app roles to a managed identity, so this is a script.
# Idempotent: permissions already granted are left as they are; a refused grant stops the script with its reason.
set -eu
principal="$(azd env get-value AISPM_OWN_OBJECT_ID)"
graph="$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv)"
granted="$(az rest --method GET --url "https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments?\$select=appRoleId,resourceId" \
  --query "value[?resourceId=='$graph'].appRoleId" -o tsv)"
for permission in Application.Read.All Directory.Read.All Policy.Read.All Reports.Read.All AgentIdentity.Read.All; do
  role="$(az ad sp show --id 00000003-0000-0000-c000-000000000000 --query "appRoles[?value=='$permission'].id | [0]" -o tsv)"
  if [ -z "$role" ]; then
    echo "skip $permission: not offered by Microsoft Graph in this cloud"
    continue
  fi
  if printf '%s\n' "$granted" | grep -qx "$role"; then
    echo "kept $permission (already granted)"
    continue
  fi
  if ! error="$(az rest --method POST --url "https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments" \
      --headers "Content-Type=application/json" \
      --body "{\"principalId\":\"$principal\",\"resourceId\":\"$graph\",\"appRoleId\":\"$role\"}" 2>&1 >/dev/null)"; then
    echo "grant-graph-permissions: granting $permission was refused: $(printf '%s' "$error" | head -n 1)" >&2
    exit 1
  fi
  echo "granted $permission"
done

#!/usr/bin/env sh
# azd postprovision: writes src/AiSpm.Functions/local.settings.json from the sample and the provisioned outputs, so
# `aispm serve` on a developer machine talks to the deployed storage and vault with the developer's identity.
set -eu
cd "$(dirname "$0")/.."
out=src/AiSpm.Functions/local.settings.json
storage="$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)"
vault="$(azd env get-value AISPM_KEYVAULT_URI)"
cat > "$out" <<JSON
{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
    "AzureWebJobsStorage__blobServiceUri": "https://${storage}.blob.core.windows.net",
    "AzureWebJobsStorage__queueServiceUri": "https://${storage}.queue.core.windows.net",
    "AzureWebJobsStorage__tableServiceUri": "https://${storage}.table.core.windows.net",
    "AISPM_KEYVAULT_URI": "${vault}",
    "AISPM_ROTATION_MODE": "DryRun",
    "AISPM_TASK_HUB": "AiSpmDev",
    "AISPM_SCAN_SCHEDULE": "0 0 */6 * * *"
  }
}
JSON
echo "Wrote $out (uses your az login identity; the deployer was granted the storage data roles)."
echo "Grant Microsoft Graph application permissions to the app's identity once: ./scripts/grant-graph-permissions.sh"

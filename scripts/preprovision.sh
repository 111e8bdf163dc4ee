#!/usr/bin/env sh
# azd preprovision: before anything is created, checks that Flex Consumption offers the .NET isolated version the app
# targets in the chosen region (the Bicep types cannot: functionAppConfig.runtime is plain strings). Fails with one line
# saying what to do instead. Skipped for Elastic Premium.
set -eu
plan="$(azd env get-value AISPM_HOSTING_PLAN 2>/dev/null || echo FlexConsumption)"
[ "$plan" = "ElasticPremium" ] && exit 0
location="$(azd env get-value AZURE_LOCATION)"
version="10.0"
offered="$(az functionapp list-flexconsumption-runtimes --location "$location" --runtime dotnet-isolated --query "[].version" -o tsv 2>/dev/null || true)"
if [ -z "$offered" ]; then
  echo "preprovision: could not list Flex Consumption runtimes in $location (az functionapp list-flexconsumption-runtimes); continuing." >&2
  exit 0
fi
if ! printf '%s\n' "$offered" | grep -qx "$version"; then
  echo "preprovision: Flex Consumption in $location offers dotnet-isolated $(printf '%s' "$offered" | tr '\n' ' ')but not $version; choose another region or 'azd env set AISPM_HOSTING_PLAN ElasticPremium'." >&2
  exit 1
fi
echo "preprovision: Flex Consumption in $location offers dotnet-isolated $version."

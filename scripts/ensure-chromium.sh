#!/usr/bin/env bash
# Installs Debian's Chromium (package chromium) for the report rendering tests unless a Chromium is already there.
# The tests drive it headless through Playwright; AISPM_CHROMIUM names another executable.
set -euo pipefail
browser=${AISPM_CHROMIUM:-/usr/bin/chromium}
if [[ -x $browser ]]; then
  exit 0
fi
if [[ -n ${AISPM_CHROMIUM:-} ]]; then
  echo "AISPM_CHROMIUM names '$browser', which is not an executable" >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "Installing Chromium (apt package chromium) for the report rendering tests..." >&2
$sudo apt-get update -q >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends chromium >&2

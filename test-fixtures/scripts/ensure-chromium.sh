#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (navercert signer page, agent console); Playwright
# drives it with executablePath /usr/bin/chromium (test-fixtures' Chromium), its own browser download
# is skipped. A no-op when chromium is present.
# Bound to the pre-integration-test phase of navercert-server and ngs-agent, so a fresh machine gets it from `mvn verify`.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "ensure-chromium: /usr/bin/chromium missing and not root; install the Debian 'chromium' package" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "ensure-chromium: installing Debian package 'chromium' ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)" >&2

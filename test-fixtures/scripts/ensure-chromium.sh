#!/usr/bin/env bash
# Installs what the browser tests need (Playwright drives Debian's /usr/bin/chromium with
# executablePath; Playwright's own browser download is skipped): the Debian 'chromium' package, and a
# Korean font (fonts-nanum) so that the pages' Korean text renders in screenshots instead of boxes.
# A no-op when both are present. Bound to the pre-integration-test phase of every module with a
# browser test (navercert-server, ngs-gateway, ngs-agent), so a fresh machine gets them from `mvn verify`.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ko 2>/dev/null | head -1)" ]; then
  need+=(fonts-nanum)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "ensure-chromium: missing ${need[*]} and not root; install the Debian package(s) ${need[*]}" >&2
    [ -x /usr/bin/chromium ] && exit 0 # only the font is missing: the tests still run
    exit 1
  fi
else
  SUDO=
fi
echo "ensure-chromium: installing Debian package(s) ${need[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
test -x /usr/bin/chromium
echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)" >&2

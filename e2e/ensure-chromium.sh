#!/usr/bin/env bash
# The end-to-end journeys drive Debian's Chromium (Playwright's own browser download cannot
# work offline). Install it when it is missing; a no-op otherwise.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[test] /usr/bin/chromium is missing; installing Debian's chromium…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version

#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium (browser tests, driven by
# playwright-core), CJK fonts (Chinese text in screenshots), mosquitto (external-broker tests) and
# poppler-utils (pdftotext and pdftoppm read the bulletin's PDF back in its tests).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  echo "system dependencies: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system dependencies missing: ${need[*]}; run as root or: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing from Debian: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "system dependencies: installed ${need[*]}"

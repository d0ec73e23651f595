#!/usr/bin/env bash
# Install the Debian packages the test-suite drives: Chromium (+driver) and Virtuoso Open Source.
# Idempotent; skips what is already there. Needs root (CI and developer machines run as root).
set -uo pipefail
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium chromium-driver)
command -v virtuoso-t >/dev/null 2>&1 || want+=(virtuoso-opensource)
if [ ${#want[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "system-deps: not root, cannot install ${want[*]}; tests that need them will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || true
apt-get install -y -q --no-install-recommends "${want[@]}" >/dev/null \
  || echo "system-deps: could not install ${want[*]}; tests that need them will skip" >&2
exit 0

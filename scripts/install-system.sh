#!/usr/bin/env bash
# Install the Debian packages the tests need, if missing: chromium (browser tests) and
# postgresql (the ledger's tests run on SQLite and on PostgreSQL). Needs root (CI and the dev
# machines run as root); without it, says what to install and goes on.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-system: please install the Debian packages: ${need[*]} (browser and PostgreSQL tests will be skipped)" >&2
  exit 0
fi
echo "install-system: apt-get install ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

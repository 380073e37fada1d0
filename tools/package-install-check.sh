#!/usr/bin/env bash
# Installs the package `make package` built into a fresh Debian 12 root (debootstrap, minbase) with
# apt, as an administrator would on the plant PC, and checks what the maintainer scripts did: the
# dependencies resolved from Debian, the plcbridge user, the configuration's owner and mode, the
# unit enabled, the state directory, migrate and check as the plcbridge user. Not part of
# `make test` (it downloads ~100 MB and needs root); docs/OPERATIONS.md records a run.
# Usage: tools/package-install-check.sh [ROOT_DIR]   (default: build/debian-root, kept for reuse)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$repo/build/debian-root}
deb=$(ls -t "$repo"/build/package/plcbridge_*.deb | head -n 1)
[[ -x "$root/usr/bin/apt-get" ]] || debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
chroot "$root" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/$(basename "$deb") >/dev/null"
chroot "$root" bash -euo pipefail -c '
  echo "user:        $(id plcbridge)"
  echo "config:      $(stat -c "%U:%G %a" /etc/plcbridge/plcbridge.toml)"
  echo "state dir:   $(stat -c "%U:%G %a" /var/lib/plcbridge)"
  test -L /etc/systemd/system/multi-user.target.wants/plcbridge.service && echo "unit:        enabled"
  runuser -u plcbridge -- plcbridge migrate
  runuser -u plcbridge -- plcbridge check || true   # the packaged PLC and Odoo addresses are examples
'

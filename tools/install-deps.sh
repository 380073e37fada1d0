#!/usr/bin/env bash
# Installs everything plcbridge needs to build and test, from Debian 12's packages only.
# Idempotent: when every package is already present it does nothing (no apt-get update, no network).
# Package list: the libraries proven on Debian 12 (docs/DESIGN.md "Layers and the dependency rule"), with Boost 1.81 (coroutine
# operators, Boost.JSON/URL), plus the tools the tests and presets use (ccache, clang for the fuzz
# preset, tshark for the capture test, node/npm for the independent FINS client interop test, lintian,
# file, dpkg-dev (dpkg-shlibdeps for CPack) and systemd (systemd-analyze) for the package and its checks;
# libsodium for the operators' Argon2id password hashes, Debian's chromium (and a font) for the console's
# browser tests).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache clang libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql libcurl4-openssl-dev libssl-dev openssl ca-certificates
  tshark tzdata
  lintian file dpkg-dev systemd
  libsodium-dev chromium fonts-dejavu-core
)
# node/npm: the machine image may ship them from elsewhere; only fall back to Debian's when absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (or: sudo $0)" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"

#!/usr/bin/env bash
# Installs the Debian 12 packages newsdex needs to build, test and run its demo.
# Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config dpkg-dev file
  libxapian-dev xapian-tools
  libicu-dev libarchive-dev libxml2-dev zlib1g-dev
  libcli11-dev libspdlog-dev nlohmann-json3-dev catch2
  libhunspell-dev hunspell-uk hunspell-ru
  libbrotli-dev liburiparser-dev libjemalloc-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

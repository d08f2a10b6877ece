#!/usr/bin/env bash
# Installs exactly the Debian packages SignLab needs to build, test and run. Idempotent: packages
# already present are not touched, and nothing is done at all when everything is there.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config          # compiler and build
  libeigen3-dev nlohmann-json3-dev libstb-dev libhwy-dev   # core numerics, sessions, PNG
  zlib1g-dev dataset-fashion-mnist          # gzip IDX reader + the Fashion-MNIST files (core/data)
  libimgui-dev libglfw3-dev libepoxy-dev    # GUI: Dear ImGui 1.86 + GLFW + GL loader
  fonts-dejavu-core                         # the UI font (TTF, scaled for DPI)
  libgtest-dev libgmock-dev libbenchmark-dev  # tests and benchmarks
  xvfb xauth libgl1-mesa-dri                # headless GUI tests and screenshots (Mesa llvmpipe)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; this script supports Debian 12. Install by hand: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
  echo "install-deps: 'apt-get update' failed (no network or no apt sources?). Needed: ${missing[*]}" >&2
  exit 1
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "install-deps: 'apt-get install' failed for: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: done"

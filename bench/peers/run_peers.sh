#!/usr/bin/env bash
# SignLab's kernels against PyTorch and Eigen: prints one table of ns per parameter per step.
# Not part of `make test`. Usage: bench/peers/run_peers.sh [BUILD_DIR]   (default: build)
# Installs python3-torch (Debian) when missing and uses /usr/bin/python3 (Debian's torch lives there, not in
# a pyenv/venv python that may come first on PATH). Extra env: SIZES=10000,100000,... REPS=5
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
PY=/usr/bin/python3
SIZES="${SIZES:-10000,100000,1000000,10000000}"
REPS="${REPS:-5}"

if ! "$PY" -c "import torch" 2>/dev/null; then
  echo "installing python3-torch (Debian) ..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends python3-torch >&2
fi

if [ ! -x "$BUILD/signlab_bench" ]; then
  echo "building signlab_bench in $BUILD ..." >&2
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target signlab_bench >&2
fi

EIGEN_BIN="$BUILD/eigen_peer"
if [ ! -x "$EIGEN_BIN" ] || [ "$ROOT/bench/peers/eigen_peer.cpp" -nt "$EIGEN_BIN" ]; then
  g++ -O3 -march=native -std=c++17 -I/usr/include/eigen3 -o "$EIGEN_BIN" "$ROOT/bench/peers/eigen_peer.cpp"
fi

exec "$PY" "$ROOT/bench/peers/peers.py" --bench "$BUILD/signlab_bench" --eigen "$EIGEN_BIN" \
  --sizes "$SIZES" --reps "$REPS"

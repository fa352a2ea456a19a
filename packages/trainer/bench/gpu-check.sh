#!/usr/bin/env bash
# GPU smoke check (not part of any test): on a machine with an NVIDIA GPU, make
# @tensorflow/tfjs-node-gpu available if it is absent, then for every backend that loads
# (tfjs-node-gpu → tfjs-node → wasm-openblas → wasm → cpu) print ms/step of the paper MLP at p = 97 and the
# grokking step of one short run (stops at T_grok, 4,000 steps, or the per-backend budget).
#   packages/trainer/bench/gpu-check.sh [budgetSecondsPerBackend=90]
# Bounded: the whole script is killed after GPU_CHECK_TIMEOUT seconds (default 480).
set -euo pipefail
cd "$(dirname "$0")/../../.."   # repository root
budget="${1:-90}"

nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo "nvidia-smi: not found (no NVIDIA driver?)"

if ! node -e "require.resolve('@tensorflow/tfjs-node-gpu')" 2>/dev/null; then
  # --no-save in a temp dir so package.json/lockfile stay untouched; its install script downloads
  # libtensorflow (needs internet; PERF-NOTES). Linked into node_modules so the trainer's
  # import('@tensorflow/tfjs-node-gpu') resolves; its own dependencies resolve from the temp dir.
  tmp="$(mktemp -d)"
  echo "installing @tensorflow/tfjs-node-gpu@4.22.0 into $tmp …"
  if (cd "$tmp" && npm init -y >/dev/null && timeout 240 npm install --no-save --no-audit --no-fund @tensorflow/tfjs-node-gpu@4.22.0 >"$tmp/install.log" 2>&1); then
    ln -sfn "$tmp/node_modules/@tensorflow/tfjs-node-gpu" node_modules/@tensorflow/tfjs-node-gpu
    trap 'rm -f node_modules/@tensorflow/tfjs-node-gpu' EXIT
  else
    echo "tfjs-node-gpu install failed (offline?); last lines of $tmp/install.log:"; tail -3 "$tmp/install.log" || true
  fi
fi

timeout "${GPU_CHECK_TIMEOUT:-480}" node --import tsx packages/trainer/bench/gpu-check.ts "$budget"

#!/usr/bin/env bash
# The recorded commands that generate the predictor's corpus (issue 6): 45 finished runs varying
# p ∈ {59, 97, 113}, λ, lr, train fraction, ρ, τ and loss. Enqueue them into a running registry
# (`npm start` in another terminal, or DATABASE_URL), let the workers finish, then write the
# fixture with `node --import tsx packages/predictor/bench/export-corpus.ts`.
# Cost: roughly 3–4 core-hours on a 2-core CPU with tfjs-wasm (most of it p = 97 / 113 and the
# ρ = 1.15, τ = 1.0 cells); add workers (GROKSCOPE_WORKERS, or `grokscope worker` elsewhere) to share it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
g() { node --import tsx apps/cli/src/main.ts "$@"; }
BUDGET=(--seeds 1 --steps 20000 --eval-every 10)

g sweep --name corpus-p59-optim --p 59 --grid 'weightDecay=0.5,1,2' --grid 'lr=0.001,0.003' --grid 'trainFraction=0.4,0.6' "${BUDGET[@]}"
g sweep --name corpus-p97-optim --p 97 --grid 'weightDecay=1,2' --grid 'lr=0.001,0.003' --grid 'trainFraction=0.4,0.5' "${BUDGET[@]}"
g sweep --name corpus-p113 --p 113 --lr 0.003 --grid 'weightDecay=1,2' --grid 'trainFraction=0.4,0.5' "${BUDGET[@]}"
g sweep --name corpus-p59-loss --p 59 --lr 0.003 --grid 'loss=ce,mse' --grid 'temperature=1,1.5' "${BUDGET[@]}"
g sweep --name corpus-p59-clamp --p 59 --lr 0.003 --grid 'clamp.rho=none,1,1.15' --grid 'temperature=1,1.7' "${BUDGET[@]}"
g sweep --paper --p 97 "${BUDGET[@]}"

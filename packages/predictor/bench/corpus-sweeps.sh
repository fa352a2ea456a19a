#!/usr/bin/env bash
# The recorded commands that generate the predictor's corpus (issue 6): 45 finished runs varying
# p ∈ {59, 97, 113}, λ, lr, train fraction, ρ, τ and loss. Enqueue them into a running registry
# (`npm start` in another terminal, or DATABASE_URL), let the workers finish, then write the
# fixture with `node --import tsx packages/predictor/bench/export-corpus.ts`.
# Each run stops 300 steps after it groks (--stop-after-grok), so the budget (--steps) only binds
# for runs that never grok: those stay in the corpus as censored. Cost: about 2.5 core-hours with
# tfjs-wasm (one core per worker; most of it the p = 97 paper sweep); add workers
# (GROKSCOPE_WORKERS, or `grokscope worker` elsewhere) to share it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
g() { node --import tsx apps/cli/src/main.ts "$@"; }
EACH=(--seeds 1 --eval-every 10 --stop-after-grok 300)

g sweep --name corpus-p97-paper --paper --p 97 --steps 15000 "${EACH[@]}"
g sweep --name corpus-p59-optim --p 59 --steps 20000 --grid 'weightDecay=0.5,1,2' --grid 'lr=0.001,0.003' --grid 'trainFraction=0.4,0.6' "${EACH[@]}"
g sweep --name corpus-p97-optim --p 97 --steps 15000 --grid 'weightDecay=1,2' --grid 'lr=0.001,0.003' --grid 'trainFraction=0.4,0.5' "${EACH[@]}"
g sweep --name corpus-p113 --p 113 --lr 0.003 --steps 15000 --grid 'weightDecay=1,2' --grid 'trainFraction=0.4,0.5' "${EACH[@]}"
g sweep --name corpus-p59-loss --p 59 --lr 0.003 --steps 8000 --grid 'loss=ce,mse' --grid 'temperature=1,1.5' "${EACH[@]}"
g sweep --name corpus-p59-clamp --p 59 --lr 0.003 --steps 20000 --grid 'clamp.rho=none,1,1.15' --grid 'temperature=1,1.7' "${EACH[@]}"

#!/usr/bin/env python3
"""PyTorch speed reference for the paper MLP (SCIENCE.md §2, arXiv 2606.18465) on this machine.

p = 97, train fraction 0.4, full batch; E (p×128) shared by both inputs, [E[a]; E[b]] → W1 (256×256)
+ b1 → exact GeLU → W2 (256×97) + b2; cross-entropy; AdamW with the paper's "after" decay order
(Adam step, then P ← P − lr·λ·P on weight matrices), lr 1e-3, λ 1, β (0.9, 0.999); evaluation of
all p² pairs every 10 steps, as our trainer does. S seeds train as one batched computation (torch.bmm
over a leading seed axis, each seed with its own init and split).

Run with Debian's torch + OpenBLAS (PERF-NOTES "A fair PyTorch reference"):
  OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 torch-reference.py --seeds 1,12 --threads 2
Prints one JSON object per (seeds, threads): {"seeds", "threads", "msPerStep", "gflops", ...}.
GFLOP/s counts the dense model's nominal training work per seed-step, 6·N·(2d·H + H·p)
(forward 2 FLOP per multiply-add, backward twice that), the same formula as bench/speed.ts.
"""
import argparse
import json
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402  (after the environment above, which OpenBLAS/OpenMP read at load)

P, D, H, FRACTION, LR, WD, EVAL_EVERY = 97, 128, 256, 0.4, 1e-3, 1.0, 10


def build(seeds: int):
    g = torch.Generator().manual_seed(0)
    pairs = torch.cartesian_prod(torch.arange(P), torch.arange(P))  # all p² pairs
    labels = (pairs[:, 0] + pairs[:, 1]) % P
    n_train = round(FRACTION * P * P)
    split = torch.stack([torch.randperm(P * P, generator=g)[:n_train] for _ in range(seeds)])  # S×N
    normal = lambda *shape, fan_in: (torch.randn(seeds, *shape, generator=g) / fan_in**0.5).requires_grad_()
    params = {
        "E": normal(P, D, fan_in=D),
        "W1": normal(2 * D, H, fan_in=2 * D),
        "b1": torch.zeros(seeds, 1, H, requires_grad=True),
        "W2": normal(H, P, fan_in=H),
        "b2": torch.zeros(seeds, 1, P, requires_grad=True),
    }
    return pairs, labels, split, params, n_train


def logits(params, a, b):
    seed = torch.arange(a.shape[0])[:, None]
    x = torch.cat([params["E"][seed, a], params["E"][seed, b]], dim=-1)  # S×N×2d
    hidden = torch.nn.functional.gelu(torch.baddbmm(params["b1"], x, params["W1"]))  # exact GeLU
    return torch.baddbmm(params["b2"], hidden, params["W2"])  # S×N×p


def run(seeds: int, threads: int, warmup: int, steps: int) -> dict:
    torch.set_num_threads(threads)
    pairs, labels, split, params, n_train = build(seeds)
    a, b, y = pairs[split, 0], pairs[split, 1], labels[split]
    all_a, all_b = pairs[:, 0].expand(seeds, -1), pairs[:, 1].expand(seeds, -1)
    optimizer = torch.optim.Adam(params.values(), lr=LR, betas=(0.9, 0.999), eps=1e-8)
    decayed = [params[k] for k in ("E", "W1", "W2")]

    def step(t: int):
        optimizer.zero_grad(set_to_none=True)
        z = logits(params, a, b)
        # Sum over seeds of each seed's mean loss: seeds' gradients stay independent.
        loss = torch.nn.functional.cross_entropy(z.reshape(-1, P), y.reshape(-1), reduction="sum") / n_train
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for w in decayed:
                w.mul_(1 - LR * WD)  # "after" order: decay after the Adam step (2606.18465)
            if t % EVAL_EVERY == 0:
                accuracy = (logits(params, all_a, all_b).argmax(-1) == labels).float().mean(-1)
                accuracy.tolist()  # read back, as our trainer does

    for t in range(warmup):
        step(t + 1)
    start = time.perf_counter()
    for t in range(steps):
        step(warmup + t + 1)
    ms = (time.perf_counter() - start) * 1000 / steps
    flops = 6 * n_train * (2 * D * H + H * P) * seeds
    return {
        "impl": "pytorch",
        "torch": torch.__version__,
        "seeds": seeds,
        "threads": threads,
        "msPerStep": round(ms, 2),
        "seedStepsPerSec": round(seeds * 1000 / ms, 2),
        "gflops": round(flops / ms / 1e6, 2),
        "flopsPerStep": flops,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="1,12")
    parser.add_argument("--threads", default="2")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    for threads in [int(x) for x in args.threads.split(",")]:
        for seeds in [int(x) for x in args.seeds.split(",")]:
            steps = max(10, args.steps // max(1, seeds // 4))  # bounded runtime at S = 12
            print(json.dumps(run(seeds, threads, args.warmup, steps)), flush=True)

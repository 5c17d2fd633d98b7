#!/usr/bin/env python3
"""A plain-numpy peer of difflab's step benchmark (`difflab bench --numpy`).

Reads the benchmark's spec (written by difflab: the Gaussian-mixture target and every step's coefficient
program, i.e. the same target and the same coefficients), runs the sampler on N standard-normal particles
and prints JSON: the median seconds per step over the repetitions and every sample.

The denoiser is what a numpy user would write with a BLAS matmul for the distances:
  logits = log pi - d/2 log C - (|x|^2 - 2 alpha x.mu + alpha^2 |mu|^2) / (2C)      (x @ mu.T: BLAS)
  D      = (r * sigma^2/C) @ mu + (r @ (alpha v / C)) x                            (r @ mu: BLAS)
Particles are row-major (N, d), numpy's natural layout. Only model terms (no noise, no stored points)
are supported: enough for the deterministic multistep samplers the benchmark runs.

Usage: numpy_peer.py SPEC.json PARTICLES REPETITIONS
"""
import json
import sys
import time

import numpy as np


def denoiser(target, alpha, sigma):
    mu = np.asarray(target["means"], dtype=np.float64)        # (K, d)
    logw = np.asarray(target["logWeights"], dtype=np.float64)  # (K,)
    var = np.asarray(target["variances"], dtype=np.float64)    # (K,) isotropic
    d = mu.shape[1]
    c = alpha * alpha * var + sigma * sigma
    bias = logw - 0.5 * d * np.log(c) - alpha * alpha * (mu * mu).sum(axis=1) / (2.0 * c)
    w = (alpha / c)[:, None] * mu                               # (K, d)
    nh = -0.5 / c
    f = (sigma * sigma / c)[:, None] * mu                       # (K, d)
    g = alpha * var / c

    def apply(x):
        sq = np.einsum("ij,ij->i", x, x)
        logits = bias + x @ w.T + np.outer(sq, nh)
        logits -= logits.max(axis=1, keepdims=True)
        r = np.exp(logits)
        r /= r.sum(axis=1, keepdims=True)
        return r @ f + (r @ g)[:, None] * x

    return apply


def run(spec, x):
    target = spec["target"]
    depth = max(1, max(s["historyDepth"] for s in spec["steps"]))
    ring = [None] * (depth + 1)
    for i, step in enumerate(spec["steps"]):
        models = []
        ring[i % (depth + 1)] = models
        for stage in step["stages"]:
            p = combine(stage["input"], x, ring, i)
            models.append(denoiser(target, stage["alpha"], stage["sigma"])(p))
        x = combine(step["output"], x, ring, i)
    return x


def combine(combo, x, ring, i):
    out = combo["a"] * x if combo["a"] != 0.0 else None
    for back, stage, coef in combo["models"]:
        term = coef * ring[(i - back) % len(ring)][stage]
        out = term if out is None else out + term
    return out


def blas_core():
    """The OpenBLAS kernel numpy runs (e.g. SkylakeX, Haswell), or '?' if it cannot be asked."""
    try:
        import ctypes
        import glob
        import os
        libs = glob.glob(os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs", "*openblas*"))
        lib = ctypes.CDLL(libs[0])
        for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"):
            if hasattr(lib, name):
                f = getattr(lib, name)
                f.restype = ctypes.c_char_p
                return f().decode()
    except (OSError, IndexError):
        pass
    return "?"


def main():
    spec = json.load(open(sys.argv[1]))
    n = int(sys.argv[2])
    reps = int(sys.argv[3])
    d = len(spec["target"]["means"][0])
    x0 = np.random.default_rng(1).standard_normal((n, d))
    steps = len(spec["steps"])
    samples = []
    for r in range(reps + 1):
        t0 = time.perf_counter()
        run(spec, x0)
        dt = (time.perf_counter() - t0) / steps
        if r > 0:
            samples.append(dt)
    print(json.dumps({"medianSecondsPerStep": float(np.median(samples)), "samples": samples,
                      "numpy": np.__version__ + " OpenBLAS " + blas_core()}))


if __name__ == "__main__":
    main()

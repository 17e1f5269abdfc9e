"""Benchmark of label propagation's blocked cosine-similarity search.

Times skbass's :func:`max_cosine_similarity` against a plain NumPy blocked baseline
(``U_blk @ L.T`` on 1024 rows at a time, then ``max`` / ``argmax``) on random, seeded,
non-negative float32 frames: the paper's size (500,000 unlabelled x 305,000 labelled
frames of 67 features) and 1/10 of each axis. Each case runs in a fresh subprocess, so
its peak resident memory (Linux ``VmHWM``, reset after the data is made) counts native
allocations too; "extra" is that peak minus the resident memory before the search.
Prints a Markdown table::

    python benchmarks/label_propagation.py            # 1/10 size, then the full size
    python benchmarks/label_propagation.py --quick    # 1/10 size only
    python benchmarks/label_propagation.py --backend keras
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

FULL = (500_000, 305_000, 67)
BASELINE_ROWS = 1024


def _status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


class PeakRSS:
    """Peak resident memory of this process while the block runs, in MiB.

    Resets and reads the kernel's high-water mark (``VmHWM``) where Linux allows it;
    elsewhere samples the resident size every 10 ms in a thread.
    """

    def __enter__(self):
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
            self._sampler = None
        except OSError:
            self._peak, self._done = _status_kib("VmRSS"), threading.Event()
            self._sampler = threading.Thread(target=self._sample, daemon=True)
            self._sampler.start()
        self.before = _status_kib("VmRSS") / 1024
        return self

    def _sample(self):
        while not self._done.wait(0.01):
            self._peak = max(self._peak, _status_kib("VmRSS"))

    def __exit__(self, *exc):
        if self._sampler is None:
            self.peak = _status_kib("VmHWM") / 1024
        else:
            self._done.set()
            self._sampler.join()
            self.peak = max(self._peak, _status_kib("VmRSS")) / 1024
        self.extra = self.peak - self.before


def baseline(U, L):
    """Plain blocked search: normalise, ``U_blk @ L.T``, then max and arg-max."""
    U = U / np.linalg.norm(U, axis=1, keepdims=True)
    L = L / np.linalg.norm(L, axis=1, keepdims=True)
    similarity = np.empty(len(U), dtype=U.dtype)
    index = np.empty(len(U), dtype=np.int64)
    for i in range(0, len(U), BASELINE_ROWS):
        S = U[i : i + BASELINE_ROWS] @ L.T
        similarity[i : i + BASELINE_ROWS] = S.max(axis=1)
        index[i : i + BASELINE_ROWS] = S.argmax(axis=1)
    return similarity, index


def worker(case, n_u, n_l, d, backend, out):
    """One case in this (fresh) process: make the data, search, report time and memory."""
    from skbass.semi_supervised._similarity import max_cosine_similarity

    rng = np.random.default_rng(0)
    U = rng.random((n_u, d), dtype=np.float32)
    L = rng.random((n_l, d), dtype=np.float32)
    if backend == "keras":  # load Keras and its backend before the clock starts
        max_cosine_similarity(U[:8], L[:8], backend="keras")
    with PeakRSS() as memory:
        start = time.perf_counter()
        if case == "baseline":
            _, index = baseline(U, L)
        else:
            _, index = max_cosine_similarity(U, L, backend=backend)
        seconds = time.perf_counter() - start
    np.save(out, index)
    print(json.dumps({"seconds": seconds, "extra_mib": memory.extra}))


def run_case(case, size, backend, out):
    command = [sys.executable, __file__, "--worker", case, *map(str, size), backend, out]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{case} at {size} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def versions(backend):
    import sklearn
    import threadpoolctl

    import skbass

    blas = [
        f"{p['internal_api']} {p['version']} ({p.get('architecture')}, {p['num_threads']} threads)"
        for p in threadpoolctl.threadpool_info()
        if p["user_api"] == "blas"
    ]
    lines = [
        f"python {sys.version.split()[0]}, numpy {np.__version__}, scikit-learn "
        f"{sklearn.__version__}, skbass {skbass.__version__}",
        f"BLAS: {'; '.join(blas) or 'unknown'}",
        f"cores available: {len(os.sched_getaffinity(0))}, load average before: "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]
    if backend == "keras":
        import keras

        lines.append(f"keras {keras.__version__}, backend {keras.backend.backend()}")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 1/10 size")
    parser.add_argument("--backend", choices=["numpy", "keras"], default="numpy")
    parser.add_argument("--worker", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        case, n_u, n_l, d, backend, out = args.worker
        return worker(case, int(n_u), int(n_l), int(d), backend, out)

    sizes = [tuple(n // 10 for n in FULL[:2]) + FULL[2:]]
    if not args.quick:
        sizes.append(FULL)
    for line in versions(args.backend):
        print(f"- {line}")
    print()
    print(
        "| n_u x n_l x d | method | time (s) | GFLOP/s | peak extra memory (MiB) "
        "| speed-up | best matches agreeing with baseline |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            flop = 2.0 * size[0] * size[1] * size[2]
            label = " x ".join(f"{n:,}" for n in size)
            results, indices = {}, {}
            for case in ("baseline", "skbass"):
                out = str(Path(tmp) / f"{case}.npy")
                results[case] = run_case(case, size, args.backend, out)
                indices[case] = np.load(out)
            agree = np.mean(indices["skbass"] == indices["baseline"])
            for case, name in (
                ("baseline", f"numpy `U_blk @ L.T` ({BASELINE_ROWS} rows), max, argmax"),
                ("skbass", f"skbass `max_cosine_similarity` (backend={args.backend})"),
            ):
                r = results[case]
                ratio = results["baseline"]["seconds"] / r["seconds"]
                share = "1 (itself)" if case == "baseline" else f"{agree:.6f}"
                print(
                    f"| {label} | {name} | {r['seconds']:.1f} | {flop / r['seconds'] / 1e9:.0f} "
                    f"| {r['extra_mib']:.0f} | {ratio:.2f}x | {share} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()

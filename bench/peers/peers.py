#!/usr/bin/python3
"""SignLab's fused float32 updates side by side with PyTorch and Eigen: ns per parameter per step.

Run by run_peers.sh (which installs python3-torch, builds the Eigen peer and signlab_bench). Columns:
  ours     signlab_bench BM_<Kernel>/<d>/threads:1 (median of repetitions)
  roof     BM_Roof_<Kernel>: same arrays read and written in place, one add per element
  triad    BM_Triad (12 B per element), for orientation
  eigen    plain Eigen expressions (bench/peers/eigen_peer.cpp, g++ -O3 -march=native)
  torch    PyTorch's default: torch.optim.<Opt>() as shipped (foreach default), or Lion / Signum as their
           reference implementations write them (temporaries per step), at torch's default thread count
  best     PyTorch at its best: torch.set_num_threads(1) and the fastest of torch.optim foreach=False,
           foreach=True and a hand-written in-place version with preallocated buffers
Times are CPU time of the measuring process/thread, not wall time: the machine is shared, and wall time would
charge other jobs' time slices to whichever benchmark was running (single-threaded runs only, so CPU time
is the kernel's time). torch runs with one thread here (its default on this machine).
Ratios: ours/roof (fraction of the roof's time we take: roof_time/ours_time is "% of roof"), and how many
times faster ours is than best. All numbers are medians of 5 timed repetitions of >= 0.05 s each.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import torch

KERNELS = ["sgd", "momentum", "adam", "adamw", "signum", "lion"]
BENCH_NAME = {"sgd": "Sgd", "momentum": "Momentum", "adam": "Adam", "adamw": "AdamW", "signum": "Signum",
              "lion": "Lion"}
LR, B1, B2, WD = 1e-7, 0.9, 0.99, 0.01


def median_ns_per_param(d, step, reps=5, min_time=0.05):
    step()  # warm-up (state allocation in torch.optim)
    samples = []
    for _ in range(reps):
        iters = 0
        t0 = time.process_time()
        while True:
            step()
            iters += 1
            elapsed = time.process_time() - t0
            if elapsed >= min_time:
                break
        samples.append(elapsed * 1e9 / (iters * d))
    return statistics.median(samples)


def make(d):
    g = torch.Generator().manual_seed(0)
    p = (1.0 + 0.1 * torch.randn(d, generator=g)).requires_grad_(False)
    grad = 1e-3 * torch.randn(d, generator=g)
    return p, grad


def torch_optim_step(cls, d, **kw):
    p, grad = make(d)
    p = torch.nn.Parameter(p)
    p.grad = grad
    opt = cls([p], **kw)

    def step():
        opt.step()
    return step


# ---- Lion and Signum as their reference implementations write them --------------------------------
def lion_reference(d):
    # lucidrains/lion-pytorch update_fn: decay, interpolate, sign, step, then momentum.
    p, grad = make(d)
    exp_avg = torch.zeros_like(p)

    def step():
        p.data.mul_(1 - LR * WD)
        update = exp_avg.clone().mul_(B1).add(grad, alpha=1 - B1).sign_()
        p.add_(update, alpha=-LR)
        exp_avg.mul_(B2).add_(grad, alpha=1 - B2)
    return step


def lion_inplace(d):
    p, grad = make(d)
    exp_avg = torch.zeros_like(p)
    buf = torch.empty_like(p)

    def step():
        torch.lerp(exp_avg, grad, 1 - B1, out=buf)
        buf.sign_()
        p.mul_(1 - LR * WD).add_(buf, alpha=-LR)
        exp_avg.lerp_(grad, 1 - B2)
    return step


def signum_reference(d):
    # Bernstein et al.'s Signum (signSGD repository, PyTorch): momentum buffer, weight decay, sign step.
    p, grad = make(d)
    buf = torch.zeros_like(p)

    def step():
        d_p = grad.add(p, alpha=WD)
        buf.mul_(B1).add_(d_p, alpha=1 - B1)
        p.add_(torch.sign(buf), alpha=-LR)
    return step


def signum_inplace(d):
    p, grad = make(d)
    m = torch.zeros_like(p)
    s = torch.empty_like(p)

    def step():
        m.lerp_(grad, 1 - B1)
        torch.sign(m, out=s)
        p.mul_(1 - LR * WD).add_(s, alpha=-LR)
    return step


def sgd_inplace(d):
    p, grad = make(d)

    def step():
        p.add_(grad, alpha=-LR)
    return step


def momentum_inplace(d):
    p, grad = make(d)
    b = torch.zeros_like(p)

    def step():
        b.mul_(0.9).add_(grad)
        p.add_(b, alpha=-LR)
    return step


def adam_inplace(d, decoupled):
    p, grad = make(d)
    m, v, denom = torch.zeros_like(p), torch.zeros_like(p), torch.empty_like(p)
    state = {"t": 0}

    def step():
        state["t"] += 1
        t = state["t"]
        bc1, bc2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        if decoupled:
            p.mul_(1 - LR * WD)
        m.lerp_(grad, 1 - 0.9)
        v.mul_(0.999).addcmul_(grad, grad, value=1 - 0.999)
        torch.sqrt(v, out=denom)
        denom.div_(bc2 ** 0.5).add_(1e-8)
        p.addcdiv_(m, denom, value=-LR / bc1)
    return step


def torch_default(kernel, d):
    with torch.no_grad():
        if kernel == "sgd":
            return median_ns_per_param(d, torch_optim_step(torch.optim.SGD, d, lr=LR))
        if kernel == "momentum":
            return median_ns_per_param(d, torch_optim_step(torch.optim.SGD, d, lr=LR, momentum=0.9))
        if kernel == "adam":
            return median_ns_per_param(d, torch_optim_step(torch.optim.Adam, d, lr=LR))
        if kernel == "adamw":
            return median_ns_per_param(d, torch_optim_step(torch.optim.AdamW, d, lr=LR, weight_decay=WD))
        if kernel == "signum":
            return median_ns_per_param(d, signum_reference(d))
        if kernel == "lion":
            return median_ns_per_param(d, lion_reference(d))
    raise ValueError(kernel)


def torch_best(kernel, d):
    variants = []
    with torch.no_grad():
        if kernel in ("sgd", "momentum", "adam", "adamw"):
            cls = {"sgd": torch.optim.SGD, "momentum": torch.optim.SGD, "adam": torch.optim.Adam,
                   "adamw": torch.optim.AdamW}[kernel]
            kw = {"lr": LR}
            if kernel == "momentum":
                kw["momentum"] = 0.9
            if kernel == "adamw":
                kw["weight_decay"] = WD
            for foreach in (False, True):
                variants.append(torch_optim_step(cls, d, foreach=foreach, **kw))
        variants.append({"sgd": sgd_inplace, "momentum": momentum_inplace,
                         "adam": lambda n: adam_inplace(n, False), "adamw": lambda n: adam_inplace(n, True),
                         "signum": signum_inplace, "lion": lion_inplace}[kernel](d))
        if kernel == "signum":
            variants.append(signum_reference(d))
        if kernel == "lion":
            variants.append(lion_reference(d))
        return min(median_ns_per_param(d, v) for v in variants)


def run_ours(bench, sizes, reps):
    names = "|".join(["Roof_" + BENCH_NAME[k] for k in KERNELS] + [BENCH_NAME[k] for k in KERNELS] + ["Triad"])
    sz = "|".join(str(d) for d in sizes)
    cmd = [bench, f"--benchmark_filter=^BM_({names})/({sz})/threads:1/", "--benchmark_format=json", "--benchmark_enable_random_interleaving=true",
           f"--benchmark_repetitions={reps}", "--benchmark_report_aggregates_only=true"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        base = b["run_name"].split("/")
        name, d = base[0][3:], int(base[1])
        unit = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
        result[(name, d)] = b["cpu_time"] * unit / d
    return result


def run_eigen(eigen, sizes):
    out = subprocess.run([eigen] + [str(d) for d in sizes], check=True, capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        _, kernel, d, ns = line.split()
        result[(kernel, int(d))] = float(ns)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--eigen", required=True)
    ap.add_argument("--sizes", default="10000,100000,1000000,10000000")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    default_threads = torch.get_num_threads()
    print(f"# torch {torch.__version__}, default threads {default_threads}; "
          f"ours: signlab_bench, one thread", file=sys.stderr)
    ours = run_ours(args.bench, sizes, args.reps)
    eigen = run_eigen(args.eigen, sizes)
    tdef, tbest = {}, {}
    for d in sizes:
        torch.set_num_threads(default_threads)
        for k in KERNELS:
            tdef[(k, d)] = torch_default(k, d)
        torch.set_num_threads(1)
        for k in KERNELS:
            tbest[(k, d)] = torch_best(k, d)
    torch.set_num_threads(default_threads)

    hdr = (f"{'kernel':<9}{'d':>10} {'ours':>7} {'roof':>7} {'triad':>7} {'eigen':>7} {'torch':>7} {'best':>7}"
           f" {'%roof':>6} {'eig/ours':>8} {'tdef/ours':>9} {'best/ours':>9} {'best/roof':>9}")
    print("ns per parameter per step (medians); %roof = roof time / our time; x/ours = times slower than ours")
    print(hdr)
    print("-" * len(hdr))
    for k in KERNELS:
        for d in sizes:
            o = ours[(BENCH_NAME[k], d)]
            r = ours[("Roof_" + BENCH_NAME[k], d)]
            t = ours[("Triad", d)]
            e, td, tb = eigen[(k, d)], tdef[(k, d)], tbest[(k, d)]
            print(f"{k:<9}{d:>10} {o:7.3f} {r:7.3f} {t:7.3f} {e:7.3f} {td:7.3f} {tb:7.3f}"
                  f" {100 * r / o:5.0f}% {e / o:8.2f} {td / o:9.2f} {tb / o:9.2f} {tb / r:9.2f}")


if __name__ == "__main__":
    main()

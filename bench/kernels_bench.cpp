// The float32 kernels (core/kernels) against the memory-bandwidth limit, in one binary and one run.
//
//   BM_<Kernel>/<d>/threads:<t>        the fused update (or reduction) on d floats, t threads (1 or 2)
//   BM_Roof_<Kernel>/<d>/threads:<t>   the same-traffic roof: reads and writes exactly the arrays the update
//                                      does, in place, with one add per element (Lion: p += g; m += g)
//   BM_Triad/<d>/threads:<t>           STREAM triad a = b + s·c, for orientation
// d = 1e4, 1e5, 1e6, 1e7 (and 1e8 when SIGNLAB_BENCH_HUGE=1: five 1e8-float arrays are 2 GB).
// Bytes are counted the STREAM way: each array read once plus each array written once (Lion reads p, g, m
// and writes p, m: 20 B per parameter; the triad 12 B per element). The roofs run on the same SIMD target,
// loop shape and thread pool as the kernels (they live in core/kernels), so the ratio isolates the arithmetic.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/kernels/kernels.hpp"

namespace signlab::kernels {
namespace {

// 64-byte aligned float arrays, filled with small normal values (state stays normal, never denormal).
// Array k starts k·320 bytes past a page boundary: large allocations come from mmap at the same offset in
// a page, and arrays whose elements i share address bits 0..11 make every load after a store to another
// array wait on a false dependency (4K aliasing). Real optimizer state is allocated like that too, so the
// offsets are part of what a kernel must cope with; they are the same for kernels, roofs and triad.
struct Buffer {
  explicit Buffer(std::size_t n, float scale, std::uint32_t seed)
      : raw(static_cast<float*>(std::aligned_alloc(4096, ((n * sizeof(float) + 8192) / 4096) * 4096)), &std::free),
        ptr(raw.get() + 80 * (seed % 8)) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    // Fill a period of random values and repeat it: generating 1e8 normals would dominate the setup.
    const std::size_t period = std::min<std::size_t>(n, 4096);
    for (std::size_t i = 0; i < period; ++i) ptr[i] = scale * dist(rng);
    for (std::size_t i = period; i < n; ++i) ptr[i] = ptr[i - period];
  }
  float* get() const { return ptr; }
  std::unique_ptr<float[], decltype(&std::free)> raw;
  float* ptr;
};

struct Arrays {
  explicit Arrays(std::size_t n)
      : p(n, 1.0f, 1), m(n, 1e-3f, 2), v(n, 1e-3f, 3), g(n, 1e-3f, 4), h(n, 1e-3f, 5) {
    for (std::size_t i = 0; i < n; ++i) {
      p.get()[i] = 1.0f + p.get()[i] * 0.1f;
      v.get()[i] = v.get()[i] * v.get()[i];  // second moments are >= 0
    }
  }
  Buffer p, m, v, g, h;
};

// The arrays of the current size, kept across benchmarks (one size at a time): setting up five 1e8-float
// arrays for every registered benchmark would dominate the run.
Arrays& arrays_for(std::size_t n) {
  static std::unique_ptr<Arrays> cached;
  static std::size_t cached_n = 0;
  if (!cached || cached_n != n) {
    cached.reset();
    cached = std::make_unique<Arrays>(n);
    cached_n = n;
  }
  return *cached;
}

// Runs `body(arrays, n, threads)` per iteration and reports bytes_per_param · n per iteration.
// ns per parameter = real_time / d (the peers script computes it from the JSON output).
template <class Body>
void run(benchmark::State& state, double bytes_per_param, Body body) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  Arrays& a = arrays_for(n);
  for (auto _ : state) {
    body(a, n, threads);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes_per_param * static_cast<double>(n)));
  state.counters["d"] = static_cast<double>(n);
}

std::vector<std::int64_t> sizes() {
  std::vector<std::int64_t> d = {10'000, 100'000, 1'000'000, 10'000'000};
  const char* huge = std::getenv("SIGNLAB_BENCH_HUGE");
  if (huge != nullptr && std::string(huge) == "1") d.push_back(100'000'000);
  return d;
}

template <class Body>
void add(const std::string& name, double bytes_per_param, Body body) {
  auto* b = benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& s) { run(s, bytes_per_param, body); });
  for (std::int64_t d : sizes()) {
    for (std::int64_t t : {1, 2}) b->Args({d, t});
  }
  b->ArgNames({"", "threads"})->MinTime(0.05)->UseRealTime();
}

constexpr float kLr = 1e-7f;

const AdamScalars kAdam{0.9f, 0.999f, 1e-8f, kLr, 0.03f, 0.0f, 1.0f};
const AdamScalars kAdamW{0.9f, 0.999f, 1e-8f, kLr, 0.03f, 0.0f, 1.0f - kLr * 0.01f};

int register_all() {
  // ---- fused updates and their roofs ----
  add("BM_Sgd", 12, [](Arrays& a, std::size_t n, unsigned t) { sgd(a.p.get(), a.g.get(), n, kLr, t); });
  add("BM_Roof_Sgd", 12, [](Arrays& a, std::size_t n, unsigned t) { roof_rw1(a.p.get(), a.g.get(), n, t); });
  add("BM_Momentum", 20, [](Arrays& a, std::size_t n, unsigned t) {
    momentum(a.p.get(), a.m.get(), a.g.get(), n, kLr, 0.9f, false, t);
  });
  add("BM_Roof_Momentum", 20,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw2(a.p.get(), a.m.get(), a.g.get(), n, t); });
  add("BM_Nesterov", 20, [](Arrays& a, std::size_t n, unsigned t) {
    momentum(a.p.get(), a.m.get(), a.g.get(), n, kLr, 0.9f, true, t);
  });
  add("BM_Roof_Nesterov", 20,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw2(a.p.get(), a.m.get(), a.g.get(), n, t); });
  add("BM_Adam", 28,
      [](Arrays& a, std::size_t n, unsigned t) { adam(a.p.get(), a.m.get(), a.v.get(), a.g.get(), n, kAdam, t); });
  add("BM_Roof_Adam", 28,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw3(a.p.get(), a.m.get(), a.v.get(), a.g.get(), n, t); });
  add("BM_AdamW", 28,
      [](Arrays& a, std::size_t n, unsigned t) { adam(a.p.get(), a.m.get(), a.v.get(), a.g.get(), n, kAdamW, t); });
  add("BM_Roof_AdamW", 28,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw3(a.p.get(), a.m.get(), a.v.get(), a.g.get(), n, t); });
  add("BM_SignSgd", 12, [](Arrays& a, std::size_t n, unsigned t) { signsgd(a.p.get(), a.g.get(), n, kLr, t); });
  add("BM_Roof_SignSgd", 12, [](Arrays& a, std::size_t n, unsigned t) { roof_rw1(a.p.get(), a.g.get(), n, t); });
  add("BM_Signum", 20, [](Arrays& a, std::size_t n, unsigned t) {
    signum(a.p.get(), a.m.get(), a.g.get(), n, kLr, 0.9f, 0.01f, t);
  });
  add("BM_Roof_Signum", 20,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw2(a.p.get(), a.m.get(), a.g.get(), n, t); });
  add("BM_Lion", 20, [](Arrays& a, std::size_t n, unsigned t) {
    lion(a.p.get(), a.m.get(), a.g.get(), n, kLr, 0.9f, 0.99f, 1.0f - kLr * 0.1f, t);
  });
  add("BM_Roof_Lion", 20,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw2(a.p.get(), a.m.get(), a.g.get(), n, t); });
  add("BM_Ssvr", 24, [](Arrays& a, std::size_t n, unsigned t) {
    ssvr(a.p.get(), a.m.get(), a.g.get(), a.h.get(), n, kLr, 0.1f, t);
  });
  add("BM_Roof_Ssvr", 24,
      [](Arrays& a, std::size_t n, unsigned t) { roof_rw2r2(a.p.get(), a.m.get(), a.g.get(), a.h.get(), n, t); });
  add("BM_SignStep", 12,
      [](Arrays& a, std::size_t n, unsigned t) { sign_step(a.p.get(), a.g.get(), n, kLr, 0.01f, t); });
  add("BM_Roof_SignStep", 12, [](Arrays& a, std::size_t n, unsigned t) { roof_rw1(a.p.get(), a.g.get(), n, t); });
  add("BM_Triad", 12,
      [](Arrays& a, std::size_t n, unsigned t) { triad(a.h.get(), a.m.get(), a.g.get(), 1e-3f, n, t); });

  // ---- reductions (read-only: bytes = arrays read) ----
  add("BM_L1Norm", 4, [](Arrays& a, std::size_t n, unsigned t) { benchmark::DoNotOptimize(l1_norm(a.g.get(), n, t)); });
  add("BM_L2Norm", 4, [](Arrays& a, std::size_t n, unsigned t) { benchmark::DoNotOptimize(l2_norm(a.g.get(), n, t)); });
  add("BM_LinfNorm", 4,
      [](Arrays& a, std::size_t n, unsigned t) { benchmark::DoNotOptimize(linf_norm(a.g.get(), n, t)); });
  add("BM_Dot", 8,
      [](Arrays& a, std::size_t n, unsigned t) { benchmark::DoNotOptimize(dot(a.g.get(), a.h.get(), n, t)); });
  add("BM_SignAgreement", 8, [](Arrays& a, std::size_t n, unsigned t) {
    benchmark::DoNotOptimize(sign_agreement(a.g.get(), a.h.get(), n, t));
  });
  // Packing: reads 4 B, writes 2 bits per coordinate.
  add("BM_PackSigns", 4.25, [](Arrays& a, std::size_t n, unsigned t) {
    pack_signs(a.g.get(), n, reinterpret_cast<std::uint64_t*>(a.v.get()), t);
  });
  // Majority vote of 8 packed vectors: reads 8 × 2 bits, writes 2 bits per coordinate.
  add("BM_MajorityVote8", 18.0 / 8.0, [](Arrays& a, std::size_t n, unsigned t) {
    // Eight votes laid out in a.p (16 bits per coordinate fit in its 32): never touched by the benchmark.
    const std::size_t words = packed_size(n);
    const auto* base = reinterpret_cast<const std::uint64_t*>(a.p.get());
    const std::uint64_t* votes[8];
    for (int j = 0; j < 8; ++j) votes[j] = base + static_cast<std::size_t>(j) * words / 2;  // overlapping views
    majority_vote(votes, 8, n, reinterpret_cast<std::uint64_t*>(a.v.get()), t);
  });
  add("BM_SignStepPacked", 12.25, [](Arrays& a, std::size_t n, unsigned t) {
    sign_step_packed(a.p.get(), reinterpret_cast<const std::uint64_t*>(a.h.get()), n, kLr, 0.01f, t);
  });
  return 0;
}

const int registered = register_all();

}  // namespace
}  // namespace signlab::kernels

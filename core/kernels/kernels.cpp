// The one place where SignLab's kernels dispatch: core/kernels/simd-inl.h is compiled once per SIMD target
// Highway supports on x86-64 (AVX-512, AVX2, SSE4, SSSE3 and the portable baseline), and every entry point
// of kernels.hpp calls the best one this CPU runs (HWY_DYNAMIC_DISPATCH), splitting large inputs across
// the kernel thread pool. No -march flag: the binary runs on any x86-64.
// The kernels promise the scalar reference's exact float operations: no multiply-add contraction here
// (GCC contracts by default in C++ whenever the target has FMA, as AVX2 and AVX-512 do).
#pragma GCC optimize("fp-contract=off")

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/kernels/simd-inl.h"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "core/kernels/simd-inl.h"

#if HWY_ONCE

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/kernels/kernels.hpp"
#include "core/kernels/thread_pool.hpp"
#include "hwy/targets.h"

namespace signlab::kernels {

HWY_EXPORT(Sgd);
HWY_EXPORT(Momentum);
HWY_EXPORT(Adam);
HWY_EXPORT(SignSgd);
HWY_EXPORT(Signum);
HWY_EXPORT(Lion);
HWY_EXPORT(Ssvr);
HWY_EXPORT(SignStep);
HWY_EXPORT(RoofRw1);
HWY_EXPORT(RoofRw2);
HWY_EXPORT(RoofRw3);
HWY_EXPORT(RoofRw2r2);
HWY_EXPORT(Triad);
HWY_EXPORT(SumAbsBlock);
HWY_EXPORT(SumSquaresBlock);
HWY_EXPORT(DotBlock);
HWY_EXPORT(MaxAbsBlock);
HWY_EXPORT(SignAgreeBlock);
HWY_EXPORT(PackSigns);
HWY_EXPORT(UnpackSigns);
HWY_EXPORT(SignStepPacked);
HWY_EXPORT(MajorityVote);
HWY_EXPORT(PopcountWords);
HWY_EXPORT(PackedAgreement);
HWY_EXPORT(CurrentTarget);

namespace {

// How many threads a call of n elements uses (see kernels.hpp for `threads`).
unsigned parts_for(std::size_t n, unsigned threads) {
  if (threads == 1) return 1;
  if (threads == 0 && n < kParallelThreshold) return 1;
  const unsigned pool = ThreadPool::global().size();
  return threads == 0 ? pool : std::min(threads, pool);
}

template <class F>
void trampoline(void* ctx, std::size_t begin, std::size_t end) {
  (*static_cast<F*>(ctx))(begin, end);
}

// Elementwise kernels: f(begin, end) over element ranges; parts split at multiples of 64 floats (4 cache
// lines) so no two threads write the same line.
constexpr std::size_t kGrain = 64;

template <class F>
void for_elements(std::size_t n, unsigned threads, F&& f) {
  const unsigned parts = parts_for(n, threads);
  if (parts <= 1) {
    f(std::size_t{0}, n);
    return;
  }
  auto chunk = [&](std::size_t b, std::size_t e) { f(b * kGrain, std::min(n, e * kGrain)); };
  ThreadPool::global().run((n + kGrain - 1) / kGrain, parts, &trampoline<decltype(chunk)>, &chunk);
}

// Packed-sign kernels: f(w0, w1) over word ranges, split at multiples of 8 words (one cache line per plane).
// `work` (in element-equivalents) decides whether to go parallel.
template <class F>
void for_words(std::size_t W, std::size_t work, unsigned threads, F&& f) {
  const unsigned parts = parts_for(work, threads);
  if (parts <= 1) {
    f(std::size_t{0}, W);
    return;
  }
  auto chunk = [&](std::size_t b, std::size_t e) { f(b * 8, std::min(W, e * 8)); };
  ThreadPool::global().run((W + 7) / 8, parts, &trampoline<decltype(chunk)>, &chunk);
}

// Reductions use a fixed blocking that depends on n only: at most kMaxBlocks blocks of at least
// kMinBlock elements, each reduced on its own, then combined in block order by the caller. Any number
// of threads therefore gives the same bits.
constexpr std::size_t kMinBlock = 8192;
constexpr std::size_t kMaxBlocks = 1024;

std::size_t block_size(std::size_t n) {
  const std::size_t b = (n + kMaxBlocks - 1) / kMaxBlocks;
  return std::max(kMinBlock, (b + 63) / 64 * 64);
}

// block(begin, end) -> T for element ranges; combine(acc, part) folds in block order from `init`.
template <class T, class Block, class Combine>
T reduce_blocks(std::size_t n, unsigned threads, T init, Block&& block, Combine&& combine) {
  const std::size_t bs = block_size(n);
  const std::size_t nblocks = (n + bs - 1) / bs;
  const unsigned parts = parts_for(n, threads);
  T acc = init;
  if (parts <= 1 || nblocks < 2) {
    for (std::size_t b = 0; b < nblocks; ++b) acc = combine(acc, block(b * bs, std::min(n, (b + 1) * bs)));
    return acc;
  }
  std::array<T, kMaxBlocks> partial;  // on the stack: no allocation per call
  auto chunk = [&](std::size_t b0, std::size_t b1) {
    for (std::size_t b = b0; b < b1; ++b) partial[b] = block(b * bs, std::min(n, (b + 1) * bs));
  };
  ThreadPool::global().run(nblocks, parts, &trampoline<decltype(chunk)>, &chunk);
  for (std::size_t b = 0; b < nblocks; ++b) acc = combine(acc, partial[b]);
  return acc;
}

double add(double a, double b) { return a + b; }

}  // namespace

std::string target_name() { return testing::name_of(HWY_DYNAMIC_DISPATCH(CurrentTarget)()); }

// ---- update kernels -----------------------------------------------------------------------------

void sgd(float* p, const float* g, std::size_t n, float lr, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) { HWY_DYNAMIC_DISPATCH(Sgd)(p + b, g + b, e - b, lr); });
}

void momentum(float* p, float* bf, const float* g, std::size_t n, float lr, float mu, bool nesterov,
              unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(Momentum)(p + b, bf + b, g + b, e - b, lr, mu, nesterov);
  });
}

void adam(float* p, float* m, float* v, const float* g, std::size_t n, const AdamScalars& s, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(Adam)(p + b, m + b, v + b, g + b, e - b, s);
  });
}

void signsgd(float* p, const float* g, std::size_t n, float lr, unsigned threads) {
  for_elements(n, threads,
               [&](std::size_t b, std::size_t e) { HWY_DYNAMIC_DISPATCH(SignSgd)(p + b, g + b, e - b, lr); });
}

void signum(float* p, float* m, const float* g, std::size_t n, float lr, float beta, float wd, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(Signum)(p + b, m + b, g + b, e - b, lr, beta, wd);
  });
}

void lion(float* p, float* m, const float* g, std::size_t n, float lr, float beta1, float beta2, float shrink,
          unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(Lion)(p + b, m + b, g + b, e - b, lr, beta1, beta2, shrink);
  });
}

void ssvr(float* p, float* v, const float* g, const float* g_prev, std::size_t n, float eta, float beta,
          unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(Ssvr)(p + b, v + b, g + b, g_prev + b, e - b, eta, beta);
  });
}

void sign_step(float* p, const float* dir, std::size_t n, float lr, float wd, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(SignStep)(p + b, dir + b, e - b, lr, wd);
  });
}

// ---- roofs --------------------------------------------------------------------------------------

void roof_rw1(float* p, const float* g, std::size_t n, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) { HWY_DYNAMIC_DISPATCH(RoofRw1)(p + b, g + b, e - b); });
}

void roof_rw2(float* p, float* m, const float* g, std::size_t n, unsigned threads) {
  for_elements(n, threads,
               [&](std::size_t b, std::size_t e) { HWY_DYNAMIC_DISPATCH(RoofRw2)(p + b, m + b, g + b, e - b); });
}

void roof_rw3(float* p, float* m, float* v, const float* g, std::size_t n, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(RoofRw3)(p + b, m + b, v + b, g + b, e - b);
  });
}

void roof_rw2r2(float* p, float* v, const float* g, const float* h, std::size_t n, unsigned threads) {
  for_elements(n, threads, [&](std::size_t b, std::size_t e) {
    HWY_DYNAMIC_DISPATCH(RoofRw2r2)(p + b, v + b, g + b, h + b, e - b);
  });
}

void triad(float* a, const float* b, const float* c, float s, std::size_t n, unsigned threads) {
  for_elements(n, threads,
               [&](std::size_t i, std::size_t e) { HWY_DYNAMIC_DISPATCH(Triad)(a + i, b + i, c + i, s, e - i); });
}

// ---- reductions ---------------------------------------------------------------------------------

double l1_norm(const float* x, std::size_t n, unsigned threads) {
  return reduce_blocks(
      n, threads, 0.0, [&](std::size_t b, std::size_t e) { return HWY_DYNAMIC_DISPATCH(SumAbsBlock)(x + b, e - b); },
      add);
}

double l2_norm(const float* x, std::size_t n, unsigned threads) {
  return std::sqrt(reduce_blocks(
      n, threads, 0.0,
      [&](std::size_t b, std::size_t e) { return HWY_DYNAMIC_DISPATCH(SumSquaresBlock)(x + b, e - b); }, add));
}

double linf_norm(const float* x, std::size_t n, unsigned threads) {
  return reduce_blocks(
      n, threads, 0.0, [&](std::size_t b, std::size_t e) { return HWY_DYNAMIC_DISPATCH(MaxAbsBlock)(x + b, e - b); },
      [](double a, double b) {
        if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::quiet_NaN();
        return std::max(a, b);
      });
}

double dot(const float* a, const float* bv, std::size_t n, unsigned threads) {
  return reduce_blocks(
      n, threads, 0.0,
      [&](std::size_t b, std::size_t e) { return HWY_DYNAMIC_DISPATCH(DotBlock)(a + b, bv + b, e - b); }, add);
}

std::uint64_t sign_agreement(const float* a, const float* bv, std::size_t n, unsigned threads) {
  return reduce_blocks(
      n, threads, std::uint64_t{0},
      [&](std::size_t b, std::size_t e) { return HWY_DYNAMIC_DISPATCH(SignAgreeBlock)(a + b, bv + b, e - b); },
      [](std::uint64_t x, std::uint64_t y) { return x + y; });
}

// ---- packed signs -------------------------------------------------------------------------------

void pack_signs(const float* x, std::size_t n, std::uint64_t* out, unsigned threads) {
  const std::size_t W = packed_words(n);
  for_words(W, n, threads,
            [&](std::size_t w0, std::size_t w1) { HWY_DYNAMIC_DISPATCH(PackSigns)(x, n, W, w0, w1, out); });
}

void unpack_signs(const std::uint64_t* packed, std::size_t n, float* out, unsigned threads) {
  const std::size_t W = packed_words(n);
  for_words(W, n, threads,
            [&](std::size_t w0, std::size_t w1) { HWY_DYNAMIC_DISPATCH(UnpackSigns)(packed, n, W, w0, w1, out); });
}

void majority_vote(const std::uint64_t* const* votes, std::size_t k, std::size_t n, std::uint64_t* out,
                   unsigned threads) {
  const std::size_t W = packed_words(n);
  if (k == 0) {
    std::fill(out, out + 2 * W, std::uint64_t{0});
    return;
  }
  // The vote touches k·n bits per output bit: parallel when that work is large.
  const std::size_t work = n * std::max<std::size_t>(1, k / 4);
  for_words(W, work, threads, [&](std::size_t w0, std::size_t w1) {
    HWY_DYNAMIC_DISPATCH(MajorityVote)(votes, k, W, w0, w1, out);
  });
}

void sign_step_packed(float* p, const std::uint64_t* packed, std::size_t n, float lr, float wd, unsigned threads) {
  const std::size_t W = packed_words(n);
  for_words(W, n, threads, [&](std::size_t w0, std::size_t w1) {
    HWY_DYNAMIC_DISPATCH(SignStepPacked)(p, packed, n, W, w0, w1, lr, wd);
  });
}

SignCounts count_signs(const std::uint64_t* packed, std::size_t n) {
  const std::size_t W = packed_words(n);
  SignCounts c;
  c.positive = HWY_DYNAMIC_DISPATCH(PopcountWords)(packed, W);
  c.negative = HWY_DYNAMIC_DISPATCH(PopcountWords)(packed + W, W);
  c.zero = n - c.positive - c.negative;
  return c;
}

std::uint64_t packed_sign_agreement(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  return HWY_DYNAMIC_DISPATCH(PackedAgreement)(a, b, n);
}

// ---- testing hooks ------------------------------------------------------------------------------

namespace testing {

std::vector<std::int64_t> available_targets() {
  std::vector<std::int64_t> out;
  for (std::int64_t t : hwy::SupportedAndGeneratedTargets()) out.push_back(t);
  return out;
}

std::string name_of(std::int64_t target) { return hwy::TargetName(target); }

void force_target(std::int64_t target) {
  hwy::SetSupportedTargetsForTest(target);
  hwy::GetChosenTarget().Update(hwy::SupportedTargets());
}

}  // namespace testing

}  // namespace signlab::kernels

#endif  // HWY_ONCE

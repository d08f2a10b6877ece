#pragma once
// SignLab's float32 kernels: the single header of entry points.
//
// Every function here runs the best SIMD target of the machine (Google Highway, runtime dispatch in
// core/kernels/kernels.cpp, the one place that dispatches) and splits large vectors across the kernel
// thread pool (core/kernels/thread_pool.hpp). Each has a plain scalar twin in scalar_reference.hpp.
//
// Conventions (../shared/ALGORITHMS.md):
//  - sign(x) = +1 for x > 0, −1 for x < 0, 0 for ±0 and NaN.
//  - Update kernels are fused: one pass reads p, g and the state, and writes p and the state once.
//  - Arithmetic is exactly the sequence of IEEE float operations written in each comment, without fused
//    multiply-add, so the SIMD result is bit-identical to the scalar reference on every target.
//  - Step sizes (lr, eta) are >= 0, as the registry's ranges guarantee.
//  - Pointers need no alignment; arrays of one call must not overlap (except where stated).
//  - `threads`: 0 = automatic (one thread below kParallelThreshold elements, the whole pool above);
//    k >= 1 = at most k threads (capped by the pool size), whatever n is. Results never depend on it:
//    elementwise kernels are independent per element and reductions use a fixed blocking that depends
//    on n only, so 1 and 2 threads give bit-identical results.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace signlab::kernels {

// Below this many elements the kernels stay on the calling thread (a second core pays only above ~64K).
inline constexpr std::size_t kParallelThreshold = 65536;

// Name of the SIMD target chosen at run time, e.g. "AVX2" (for `signlab --version`).
std::string target_name();

// ---- update kernels -----------------------------------------------------------------------------
// sgd:       p ← p − lr·g
void sgd(float* p, const float* g, std::size_t n, float lr, unsigned threads = 0);

// momentum (torch SGD, dampening 0): b ← mu·b + g; p ← p − lr·b, or with nesterov p ← p − lr·(g + mu·b)
void momentum(float* p, float* b, const float* g, std::size_t n, float lr, float mu, bool nesterov,
              unsigned threads = 0);

// Adam / AdamW in torch's arithmetic, bias corrections precomputed by the caller (t = step count >= 1):
//   g' = g + l2_wd·p                 (adam's L2 term; l2_wd = 0 for adamw)
//   m ← beta1·m + (1 − beta1)·g' (as m + (1 − beta1)·(g' − m));  v ← beta2·v + (1 − beta2)·g'·g'
//   p ← p·shrink − step_size·(m / (√v·(1/bc2_sqrt) + eps))   (torch divides √v by bc2_sqrt: same to 1 ulp)
// with step_size = lr / (1 − beta1^t), bc2_sqrt = √(1 − beta2^t), shrink = 1 − lr·wd for adamw (1 for adam).
// The square root and the division are the exact IEEE ones, so Adam too is bit-identical to the reference
// (0 ulp). Reciprocal and reciprocal-square-root estimates refined by Newton–Raphson steps were measured
// and were no faster on the reference machine (README, "SIMD kernels").
struct AdamScalars {
  float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
  float step_size = 1e-3f;  // lr / (1 − beta1^t)
  float bc2_sqrt = 1.0f;    // √(1 − beta2^t)
  float l2_wd = 0.0f;       // adam: weight decay as an L2 term added to g
  float shrink = 1.0f;      // adamw: 1 − lr·wd, applied to p before the Adam step
};
void adam(float* p, float* m, float* v, const float* g, std::size_t n, const AdamScalars& s,
          unsigned threads = 0);

// signsgd:   p ← p − lr·sign(g)
void signsgd(float* p, const float* g, std::size_t n, float lr, unsigned threads = 0);

// signum:    m ← beta·m + (1 − beta)·g; p ← p − lr·(sign(m) + wd·p), evaluated as m ← m + (1 − beta)·(g − m)
//            and p·(1 − lr·wd) − lr·sign(m)
void signum(float* p, float* m, const float* g, std::size_t n, float lr, float beta, float wd,
            unsigned threads = 0);

// lion:      c = beta1·m + (1 − beta1)·g; p ← p·shrink − lr·sign(c); m ← beta2·m + (1 − beta2)·g
//            with shrink = 1 − lr·wd (pass 1 for no weight decay). Both averages are evaluated as
//            interpolations sharing δ = g − m: c = m + (1 − beta1)·δ, m ← m + (1 − beta2)·δ.
void lion(float* p, float* m, const float* g, std::size_t n, float lr, float beta1, float beta2,
          float shrink, unsigned threads = 0);

// ssvr estimator (STORM type, both gradients on the same sample) and its sign step:
//   v ← g + (1 − beta)·(v − g_prev); p ← p − eta·sign(v)
// The first step (v_1 = g) is the same call with beta = 1 and v = g_prev = 0.
void ssvr(float* p, float* v, const float* g, const float* g_prev, std::size_t n, float eta, float beta,
          unsigned threads = 0);

// The sign-method step with decoupled weight decay (Signum's form, used by minibatch signSGD,
// steepest-ℓ∞, single-worker majority vote...):   p ← p − lr·(sign(dir) + wd·p)
// evaluated as p·(1 − lr·wd) − lr·sign(dir), like signum and sign_step_packed.
void sign_step(float* p, const float* dir, std::size_t n, float lr, float wd, unsigned threads = 0);

// ---- reductions (accumulated in double; empty input gives 0) -------------------------------------
// NaN anywhere gives NaN (also for linf); ±inf gives inf.
double l1_norm(const float* x, std::size_t n, unsigned threads = 0);
double l2_norm(const float* x, std::size_t n, unsigned threads = 0);
double linf_norm(const float* x, std::size_t n, unsigned threads = 0);
double dot(const float* a, const float* b, std::size_t n, unsigned threads = 0);
// Number of i with sign(a_i) == sign(b_i) (so two zeros, or a zero and a NaN, agree).
std::uint64_t sign_agreement(const float* a, const float* b, std::size_t n, unsigned threads = 0);

// ---- bit-packed signs ---------------------------------------------------------------------------
// A packed sign vector of n coordinates is two bit planes of W = packed_words(n) 64-bit words each,
// stored one after the other in 2·W words:
//   words[w]     bit b set ⇔ sign(x[64w + b]) = +1   (the "positive" plane)
//   words[W + w] bit b set ⇔ sign(x[64w + b]) = −1   (the "negative" plane)
// Both bits clear means sign 0 (zeros, NaN, and the padding past n), so a vote can return 0 and a tie is
// representable. A coordinate never has both bits set. Planes rather than interleaved words, so that a
// vote runs the same bitwise operations on consecutive words of each plane.
inline std::size_t packed_words(std::size_t n) { return (n + 63) / 64; }  // W, words per plane
inline std::size_t packed_size(std::size_t n) { return 2 * packed_words(n); }

// Packs sign(x) into out[0 .. packed_size(n)).
void pack_signs(const float* x, std::size_t n, std::uint64_t* out, unsigned threads = 0);
// out[i] = sign of coordinate i (+1, −1 or 0) for i < n.
void unpack_signs(const std::uint64_t* packed, std::size_t n, float* out, unsigned threads = 0);
// Majority vote of k packed vectors of n coordinates: out = sign(Σ_j s_j) per coordinate, a tie gives 0.
// Counts are vertical population counts, done bit-sliced: 64 coordinates per word operation.
void majority_vote(const std::uint64_t* const* votes, std::size_t k, std::size_t n, std::uint64_t* out,
                   unsigned threads = 0);
// p ← p − lr·(s + wd·p) (as p·(1 − lr·wd) − lr·s) with s the packed signs (the server step of majority-vote signSGD / Signum).
void sign_step_packed(float* p, const std::uint64_t* packed, std::size_t n, float lr, float wd,
                      unsigned threads = 0);
// Counts by popcount: coordinates with sign +1, −1; and agreement of two packed vectors.
struct SignCounts {
  std::uint64_t positive = 0, negative = 0, zero = 0;
};
SignCounts count_signs(const std::uint64_t* packed, std::size_t n);
std::uint64_t packed_sign_agreement(const std::uint64_t* a, const std::uint64_t* b, std::size_t n);

// ---- reference traffic for the benchmarks -------------------------------------------------------
// Same-traffic roofs: each reads and writes exactly the arrays of an update, in place, with one add per
// element and nothing else; same SIMD target, loop shape and threading as the kernels they bound.
void roof_rw1(float* p, const float* g, std::size_t n, unsigned threads = 0);            // p += g
void roof_rw2(float* p, float* m, const float* g, std::size_t n, unsigned threads = 0);  // p += g; m += g
void roof_rw3(float* p, float* m, float* v, const float* g, std::size_t n,
              unsigned threads = 0);  // p += g; m += g; v += g
void roof_rw2r2(float* p, float* v, const float* g, const float* h, std::size_t n,
                unsigned threads = 0);  // p += g; v += h   (ssvr's traffic)
// STREAM triad: a ← b + s·c
void triad(float* a, const float* b, const float* c, float s, std::size_t n, unsigned threads = 0);

// ---- testing hooks ------------------------------------------------------------------------------
namespace testing {
// The SIMD targets compiled in and supported by this CPU (Highway target bits), best first.
std::vector<std::int64_t> available_targets();
std::string name_of(std::int64_t target);
// Restricts dispatch to one target (0 restores the normal choice). Tests only; not thread-safe.
void force_target(std::int64_t target);
}  // namespace testing

}  // namespace signlab::kernels

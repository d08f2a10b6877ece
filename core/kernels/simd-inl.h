// Per-target SIMD bodies of the kernels. Included once per target by core/kernels/kernels.cpp through
// hwy/foreach_target.h (no include guard by design: Highway's per-target toggle below).
//
// Every kernel is a generic body over a Highway descriptor: the main loop runs it on full vectors
// (four per iteration), the tail on one-lane vectors, so lengths need not be multiples of the vector width
// and no load ever touches memory past the end. The float arithmetic is exactly the sequence written in
// scalar_reference.cpp: separate Mul and Add (never MulAdd), IEEE Div and Sqrt, so every target gives the
// scalar reference's bits.
#if defined(SIGNLAB_KERNELS_SIMD_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef SIGNLAB_KERNELS_SIMD_INL_H_
#undef SIGNLAB_KERNELS_SIMD_INL_H_
#else
#define SIGNLAB_KERNELS_SIMD_INL_H_
#endif

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "core/kernels/kernels.hpp"
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace signlab {
namespace kernels {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#ifndef SIGNLAB_LAMBDA_INLINE
// For loop bodies written as lambdas that GCC would otherwise call per vector (it did for Adam's).
#define SIGNLAB_LAMBDA_INLINE __attribute__((always_inline))
#endif

// ---- building blocks ----------------------------------------------------------------------------

// Runs body(d, i) over [0, n): four full vectors per iteration, then single vectors, then one-lane tails.
template <class Body>
HWY_INLINE void ForEachFloat(std::size_t n, const Body& body) {
  const hn::ScalableTag<float> d;
  const std::size_t N = hn::Lanes(d);
  std::size_t i = 0;
  if (n >= 4 * N) {
    for (; i <= n - 4 * N; i += 4 * N) {
      body(d, i);
      body(d, i + N);
      body(d, i + 2 * N);
      body(d, i + 3 * N);
    }
  }
  for (; i + N <= n; i += N) body(d, i);
  const hn::CappedTag<float, 1> d1;
  for (; i < n; ++i) body(d1, i);
}

// sign(x) as ±1 or +0 (for ±0 and NaN): |x| > 0 is false for zeros and NaN.
template <class D, class V>
HWY_INLINE V Sign0(D d, V x) {
  return hn::IfThenElseZero(hn::Gt(hn::Abs(x), hn::Zero(d)), hn::CopySignToAbs(hn::Set(d, 1.0f), x));
}

// lr·sign(x) without a multiply: lr where x > 0, −lr where x < 0, +0 for ±0 and NaN (both compares are
// false there). Bit-identical to lr·sign0(x), which is what the scalar reference computes. Four operations:
// two compares, one blend, one and.
template <class D, class V>
HWY_INLINE V SignedStep(D d, V lr, V x) {
  const auto zero = hn::Zero(d);
  return hn::IfThenElse(hn::Gt(x, zero), lr, hn::IfThenElseZero(hn::Lt(x, zero), hn::Neg(lr)));
}

// ---- update kernels -----------------------------------------------------------------------------

void Sgd(float* HWY_RESTRICT p, const float* HWY_RESTRICT g, std::size_t n, float lr) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto vlr = hn::Set(d, lr);
    hn::StoreU(hn::Sub(hn::LoadU(d, p + i), hn::Mul(vlr, hn::LoadU(d, g + i))), d, p + i);
  });
}

void Momentum(float* HWY_RESTRICT p, float* HWY_RESTRICT b, const float* HWY_RESTRICT g, std::size_t n,
              float lr, float mu, bool nesterov) {
  if (nesterov) {
    ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
      const auto vmu = hn::Set(d, mu);
      const auto vg = hn::LoadU(d, g + i);
      const auto vb = hn::Add(hn::Mul(vmu, hn::LoadU(d, b + i)), vg);
      hn::StoreU(vb, d, b + i);
      const auto dir = hn::Add(vg, hn::Mul(vmu, vb));
      hn::StoreU(hn::Sub(hn::LoadU(d, p + i), hn::Mul(hn::Set(d, lr), dir)), d, p + i);
    });
  } else {
    ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
      const auto vb = hn::Add(hn::Mul(hn::Set(d, mu), hn::LoadU(d, b + i)), hn::LoadU(d, g + i));
      hn::StoreU(vb, d, b + i);
      hn::StoreU(hn::Sub(hn::LoadU(d, p + i), hn::Mul(hn::Set(d, lr), vb)), d, p + i);
    });
  }
}

// Adam keeps the scalar reference's exact IEEE square root and division (0 ulp). Approximations were
// measured and rejected (README, "SIMD kernels"): on Zen 3 the square root alone streams at 80–90 % of
// the whole 1e5 roof's time, and reciprocal estimates refined by Newton–Raphson steps were no faster
// than the divider (presumably because the refinement multiplies compete with the moments' multiplies
// for the same two pipes).
template <bool kL2, bool kDecay>
HWY_INLINE void AdamLoop(float* HWY_RESTRICT p, float* HWY_RESTRICT m, float* HWY_RESTRICT v,
                         const float* HWY_RESTRICT g, std::size_t n, const AdamScalars& s) {
  // Scalars in locals: read through `s` inside the loop they were reloaded after every store (the
  // compiler cannot rule out that the stores alias `s`); about a tenth of the kernel's time at d = 1e5.
  const float omb1 = 1.0f - s.beta1, omb2 = 1.0f - s.beta2, beta2 = s.beta2, eps = s.eps;
  const float step_size = s.step_size, shrink = s.shrink, l2_wd = s.l2_wd;
  const float inv_bc2 = 1.0f / s.bc2_sqrt;  // one division per call instead of one per element
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR SIGNLAB_LAMBDA_INLINE {
    const auto vp = hn::LoadU(d, p + i);
    auto vg = hn::LoadU(d, g + i);
    if constexpr (kL2) vg = hn::Add(vg, hn::Mul(hn::Set(d, l2_wd), vp));
    const auto vm0 = hn::LoadU(d, m + i);
    const auto vm = hn::Add(vm0, hn::Mul(hn::Set(d, omb1), hn::Sub(vg, vm0)));  // lerp form, as in Signum
    const auto vv = hn::Add(hn::Mul(hn::Set(d, beta2), hn::LoadU(d, v + i)),
                            hn::Mul(hn::Set(d, omb2), hn::Mul(vg, vg)));
    hn::StoreU(vm, d, m + i);
    hn::StoreU(vv, d, v + i);
    const auto denom = hn::Add(hn::Mul(hn::Sqrt(vv), hn::Set(d, inv_bc2)), hn::Set(d, eps));
    const auto step = hn::Mul(hn::Set(d, step_size), hn::Div(vm, denom));
    const auto ps = kDecay ? hn::Mul(vp, hn::Set(d, shrink)) : vp;  // p·1 is p, bit for bit
    hn::StoreU(hn::Sub(ps, step), d, p + i);
  });
}

template <bool kL2>
HWY_INLINE void AdamDispatch(float* HWY_RESTRICT p, float* HWY_RESTRICT m, float* HWY_RESTRICT v,
                             const float* HWY_RESTRICT g, std::size_t n, const AdamScalars& s) {
  if (s.shrink != 1.0f) {
    AdamLoop<kL2, true>(p, m, v, g, n, s);
  } else {
    AdamLoop<kL2, false>(p, m, v, g, n, s);
  }
}

void Adam(float* HWY_RESTRICT p, float* HWY_RESTRICT m, float* HWY_RESTRICT v, const float* HWY_RESTRICT g,
          std::size_t n, const AdamScalars& s) {
  // Like torch (and the reference), the L2 term is skipped when it is 0: g + 0·p would turn an
  // infinite p into a NaN gradient.
  if (s.l2_wd != 0.0f) {
    AdamDispatch<true>(p, m, v, g, n, s);
  } else {
    AdamDispatch<false>(p, m, v, g, n, s);
  }
}

void SignSgd(float* HWY_RESTRICT p, const float* HWY_RESTRICT g, std::size_t n, float lr) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto step = SignedStep(d, hn::Set(d, lr), hn::LoadU(d, g + i));
    hn::StoreU(hn::Sub(hn::LoadU(d, p + i), step), d, p + i);
  });
}

// Moving averages are evaluated as interpolations, m + (1 − β)·(g − m) (torch.lerp's form): the same rule
// as β·m + (1 − β)·g with one multiply instead of two, and Lion's two averages share g − m. Multiplies are
// what these kernels run short of in cache (two pipes), so this is most of their speed there.
// Decay: p·shrink − step; shrink = 1 (no weight decay, the default) skips the multiply (p·1 is p, bitwise).
template <bool kDecay>
HWY_INLINE void SignumLoop(float* HWY_RESTRICT p, float* HWY_RESTRICT m, const float* HWY_RESTRICT g,
                           std::size_t n, float lr, float omb, float shrink) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto vm0 = hn::LoadU(d, m + i);
    const auto vm = hn::Add(vm0, hn::Mul(hn::Set(d, omb), hn::Sub(hn::LoadU(d, g + i), vm0)));
    hn::StoreU(vm, d, m + i);
    const auto step = SignedStep(d, hn::Set(d, lr), vm);
    auto vp = hn::LoadU(d, p + i);
    if constexpr (kDecay) vp = hn::Mul(vp, hn::Set(d, shrink));
    hn::StoreU(hn::Sub(vp, step), d, p + i);
  });
}

void Signum(float* HWY_RESTRICT p, float* HWY_RESTRICT m, const float* HWY_RESTRICT g, std::size_t n,
            float lr, float beta, float wd) {
  const float omb = 1.0f - beta;
  const float shrink = 1.0f - lr * wd;  // p − lr·(sign(m) + wd·p) = p·(1 − lr·wd) − lr·sign(m)
  if (shrink != 1.0f) {
    SignumLoop<true>(p, m, g, n, lr, omb, shrink);
  } else {
    SignumLoop<false>(p, m, g, n, lr, omb, shrink);
  }
}

template <bool kDecay>
HWY_INLINE void LionLoop(float* HWY_RESTRICT p, float* HWY_RESTRICT m, const float* HWY_RESTRICT g,
                         std::size_t n, float lr, float omb1, float omb2, float shrink) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto vm = hn::LoadU(d, m + i);
    const auto diff = hn::Sub(hn::LoadU(d, g + i), vm);
    const auto c = hn::Add(vm, hn::Mul(hn::Set(d, omb1), diff));
    const auto step = SignedStep(d, hn::Set(d, lr), c);
    auto vp = hn::LoadU(d, p + i);
    if constexpr (kDecay) vp = hn::Mul(vp, hn::Set(d, shrink));
    hn::StoreU(hn::Sub(vp, step), d, p + i);
    hn::StoreU(hn::Add(vm, hn::Mul(hn::Set(d, omb2), diff)), d, m + i);
  });
}

void Lion(float* HWY_RESTRICT p, float* HWY_RESTRICT m, const float* HWY_RESTRICT g, std::size_t n, float lr,
          float beta1, float beta2, float shrink) {
  const float omb1 = 1.0f - beta1, omb2 = 1.0f - beta2;
  if (shrink != 1.0f) {
    LionLoop<true>(p, m, g, n, lr, omb1, omb2, shrink);
  } else {
    LionLoop<false>(p, m, g, n, lr, omb1, omb2, shrink);
  }
}

void Ssvr(float* HWY_RESTRICT p, float* HWY_RESTRICT v, const float* HWY_RESTRICT g,
          const float* HWY_RESTRICT g_prev, std::size_t n, float eta, float beta) {
  const float omb = 1.0f - beta;
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto diff = hn::Sub(hn::LoadU(d, v + i), hn::LoadU(d, g_prev + i));
    const auto vv = hn::Add(hn::LoadU(d, g + i), hn::Mul(hn::Set(d, omb), diff));
    hn::StoreU(vv, d, v + i);
    const auto step = SignedStep(d, hn::Set(d, eta), vv);
    hn::StoreU(hn::Sub(hn::LoadU(d, p + i), step), d, p + i);
  });
}

void SignStep(float* HWY_RESTRICT p, const float* HWY_RESTRICT dir, std::size_t n, float lr, float wd) {
  const float shrink = 1.0f - lr * wd;
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto step = SignedStep(d, hn::Set(d, lr), hn::LoadU(d, dir + i));
    hn::StoreU(hn::Sub(hn::Mul(hn::LoadU(d, p + i), hn::Set(d, shrink)), step), d, p + i);
  });
}

// ---- roofs and triad (benchmark references) -----------------------------------------------------

void RoofRw1(float* HWY_RESTRICT p, const float* HWY_RESTRICT g, std::size_t n) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    hn::StoreU(hn::Add(hn::LoadU(d, p + i), hn::LoadU(d, g + i)), d, p + i);
  });
}

void RoofRw2(float* HWY_RESTRICT p, float* HWY_RESTRICT m, const float* HWY_RESTRICT g, std::size_t n) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto vg = hn::LoadU(d, g + i);
    hn::StoreU(hn::Add(hn::LoadU(d, p + i), vg), d, p + i);
    hn::StoreU(hn::Add(hn::LoadU(d, m + i), vg), d, m + i);
  });
}

void RoofRw3(float* HWY_RESTRICT p, float* HWY_RESTRICT m, float* HWY_RESTRICT v, const float* HWY_RESTRICT g,
             std::size_t n) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    const auto vg = hn::LoadU(d, g + i);
    hn::StoreU(hn::Add(hn::LoadU(d, p + i), vg), d, p + i);
    hn::StoreU(hn::Add(hn::LoadU(d, m + i), vg), d, m + i);
    hn::StoreU(hn::Add(hn::LoadU(d, v + i), vg), d, v + i);
  });
}

void RoofRw2r2(float* HWY_RESTRICT p, float* HWY_RESTRICT v, const float* HWY_RESTRICT g,
               const float* HWY_RESTRICT h, std::size_t n) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    hn::StoreU(hn::Add(hn::LoadU(d, p + i), hn::LoadU(d, g + i)), d, p + i);
    hn::StoreU(hn::Add(hn::LoadU(d, v + i), hn::LoadU(d, h + i)), d, v + i);
  });
}

void Triad(float* HWY_RESTRICT a, const float* HWY_RESTRICT b, const float* HWY_RESTRICT c, float s,
           std::size_t n) {
  ForEachFloat(n, [&](auto d, std::size_t i) HWY_ATTR {
    hn::StoreU(hn::Add(hn::LoadU(d, b + i), hn::Mul(hn::Set(d, s), hn::LoadU(d, c + i))), d, a + i);
  });
}

// ---- reductions over one block (the caller combines blocks in a fixed order) ---------------------

// Applies f(acc_lo, acc_hi, x_lo, x_hi) on the two halves of each float vector promoted to double, with
// two pairs of accumulators; returns the double vector sum folded to a scalar. The tail is scalar.
template <class Step, class ScalarStep>
HWY_INLINE double ReduceDouble(const float* HWY_RESTRICT a, const float* HWY_RESTRICT b, std::size_t n,
                               const Step& step, const ScalarStep& scalar_step) {
#if HWY_TARGET == HWY_SCALAR  // one lane: no halves to promote
  (void)step;
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s = scalar_step(s, static_cast<double>(a[i]), static_cast<double>(b[i]));
  return s;
#else
  const hn::ScalableTag<float> df;
  const hn::Half<decltype(df)> dh;
  const hn::Repartition<double, decltype(df)> dd;
  const std::size_t N = hn::Lanes(df);
  auto acc0 = hn::Zero(dd), acc1 = hn::Zero(dd), acc2 = hn::Zero(dd), acc3 = hn::Zero(dd);
  std::size_t i = 0;
  if (n >= 2 * N) {
    for (; i <= n - 2 * N; i += 2 * N) {
      const auto a0 = hn::LoadU(df, a + i), a1 = hn::LoadU(df, a + i + N);
      const auto b0 = hn::LoadU(df, b + i), b1 = hn::LoadU(df, b + i + N);
      acc0 = step(acc0, hn::PromoteTo(dd, hn::LowerHalf(dh, a0)), hn::PromoteTo(dd, hn::LowerHalf(dh, b0)));
      acc1 = step(acc1, hn::PromoteTo(dd, hn::UpperHalf(dh, a0)), hn::PromoteTo(dd, hn::UpperHalf(dh, b0)));
      acc2 = step(acc2, hn::PromoteTo(dd, hn::LowerHalf(dh, a1)), hn::PromoteTo(dd, hn::LowerHalf(dh, b1)));
      acc3 = step(acc3, hn::PromoteTo(dd, hn::UpperHalf(dh, a1)), hn::PromoteTo(dd, hn::UpperHalf(dh, b1)));
    }
  }
  double s = hn::GetLane(hn::SumOfLanes(dd, hn::Add(hn::Add(acc0, acc1), hn::Add(acc2, acc3))));
  for (; i < n; ++i) s = scalar_step(s, static_cast<double>(a[i]), static_cast<double>(b[i]));
  return s;
#endif
}

double SumAbsBlock(const float* HWY_RESTRICT x, std::size_t n) {
  return ReduceDouble(
      x, x, n, [](auto acc, auto v, auto) HWY_ATTR { return hn::Add(acc, hn::Abs(v)); },
      [](double s, double v, double) { return s + std::fabs(v); });
}

double SumSquaresBlock(const float* HWY_RESTRICT x, std::size_t n) {
  return ReduceDouble(
      x, x, n, [](auto acc, auto v, auto) HWY_ATTR { return hn::Add(acc, hn::Mul(v, v)); },
      [](double s, double v, double) { return s + v * v; });
}

double DotBlock(const float* HWY_RESTRICT a, const float* HWY_RESTRICT b, std::size_t n) {
  return ReduceDouble(
      a, b, n, [](auto acc, auto va, auto vb) HWY_ATTR { return hn::Add(acc, hn::Mul(va, vb)); },
      [](double s, double va, double vb) { return s + va * vb; });
}

// max |x_i| (exact in float), NaN if any x_i is NaN.
double MaxAbsBlock(const float* HWY_RESTRICT x, std::size_t n) {
  const hn::ScalableTag<float> d;
  const std::size_t N = hn::Lanes(d);
  auto mx = hn::Zero(d);
  auto nan = hn::Zero(d);
  std::size_t i = 0;
  for (; i + N <= n; i += N) {
    const auto v = hn::LoadU(d, x + i);
    nan = hn::Or(nan, hn::Not(hn::VecFromMask(d, hn::Eq(v, v))));  // Ne is ordered: false for NaN
    mx = hn::Max(mx, hn::Abs(v));  // NaN lanes are flagged above; whatever Max does with them is moot
  }
  if (!hn::AllFalse(d, hn::MaskFromVec(nan))) return std::numeric_limits<double>::quiet_NaN();
  float m = hn::GetLane(hn::MaxOfLanes(d, mx));
  for (; i < n; ++i) {
    if (std::isnan(x[i])) return std::numeric_limits<double>::quiet_NaN();
    const float a = std::fabs(x[i]);
    m = a > m ? a : m;
  }
  return static_cast<double>(m);
}

std::uint64_t SignAgreeBlock(const float* HWY_RESTRICT a, const float* HWY_RESTRICT b, std::size_t n) {
  const hn::ScalableTag<float> d;
  const hn::RebindToSigned<decltype(d)> di;
  const std::size_t N = hn::Lanes(d);
  auto acc = hn::Zero(di);  // counts per lane (a block is far below 2^31 elements)
  std::size_t i = 0;
  for (; i + N <= n; i += N) {
    const auto eq = hn::Eq(Sign0(d, hn::LoadU(d, a + i)), Sign0(d, hn::LoadU(d, b + i)));
    acc = hn::Sub(acc, hn::BitCast(di, hn::VecFromMask(d, eq)));  // mask lanes are all-ones = −1
  }
  std::uint64_t c = static_cast<std::uint64_t>(hn::GetLane(hn::SumOfLanes(di, acc)));
  for (; i < n; ++i) {
    const float sa = a[i] > 0.0f ? 1.0f : (a[i] < 0.0f ? -1.0f : 0.0f);
    const float sb = b[i] > 0.0f ? 1.0f : (b[i] < 0.0f ? -1.0f : 0.0f);
    c += sa == sb ? 1 : 0;
  }
  return c;
}

// ---- packed signs -------------------------------------------------------------------------------

// Packs coordinates [64·w0, 64·w1) of x (n coordinates in all) into both planes (W words each).
void PackSigns(const float* HWY_RESTRICT x, std::size_t n, std::size_t W, std::size_t w0, std::size_t w1,
               std::uint64_t* HWY_RESTRICT out) {
  const hn::ScalableTag<float> d;
  const std::size_t N = hn::Lanes(d);
  const auto zero = hn::Zero(d);
  for (std::size_t w = w0; w < w1; ++w) {
    const std::size_t base = 64 * w;
    std::uint64_t pos = 0, neg = 0;
    if (base + 64 <= n && N <= 64) {
      for (std::size_t k = 0; k < 64; k += N) {
        const auto v = hn::LoadU(d, x + base + k);
        std::uint8_t bp[8] = {0}, bn[8] = {0};
        hn::StoreMaskBits(d, hn::Gt(v, zero), bp);
        hn::StoreMaskBits(d, hn::Lt(v, zero), bn);
        std::uint64_t up, un;
        std::memcpy(&up, bp, 8);
        std::memcpy(&un, bn, 8);
        pos |= up << k;
        neg |= un << k;
      }
    } else {
      const std::size_t end = n < base + 64 ? n : base + 64;
      for (std::size_t i = base; i < end; ++i) {
        const std::uint64_t bit = std::uint64_t{1} << (i - base);
        if (x[i] > 0.0f) pos |= bit;
        if (x[i] < 0.0f) neg |= bit;
      }
    }
    out[w] = pos;
    out[W + w] = neg;
  }
}

// The sign (±1 or +0) of the N coordinates starting at bit k of one word of each plane, as floats.
template <class D>
HWY_INLINE hn::Vec<D> SignsFromBits(D d, std::uint64_t pos, std::uint64_t neg, std::size_t k) {
  std::uint8_t bp[8], bn[8];
  const std::uint64_t sp = pos >> k, sn = neg >> k;
  std::memcpy(bp, &sp, 8);
  std::memcpy(bn, &sn, 8);
  const auto one = hn::Set(d, 1.0f);
  return hn::IfThenElse(hn::LoadMaskBits(d, bp), one,
                        hn::IfThenElseZero(hn::LoadMaskBits(d, bn), hn::Neg(one)));
}

// Applies body(d, i, s) with s the packed signs of coordinates [i, i + Lanes(d)), for words [w0, w1).
template <class Body>
HWY_INLINE void ForEachPacked(const std::uint64_t* HWY_RESTRICT packed, std::size_t n, std::size_t W,
                              std::size_t w0, std::size_t w1, const Body& body) {
  const hn::ScalableTag<float> d;
  const std::size_t N = hn::Lanes(d);
  const hn::CappedTag<float, 1> d1;
  for (std::size_t w = w0; w < w1; ++w) {
    const std::size_t base = 64 * w;
    const std::uint64_t pos = packed[w], neg = packed[W + w];
    if (base + 64 <= n && N <= 64) {
      for (std::size_t k = 0; k < 64; k += N) body(d, base + k, SignsFromBits(d, pos, neg, k));
    } else {
      const std::size_t end = n < base + 64 ? n : base + 64;
      for (std::size_t i = base; i < end; ++i) body(d1, i, SignsFromBits(d1, pos, neg, i - base));
    }
  }
}

void UnpackSigns(const std::uint64_t* HWY_RESTRICT packed, std::size_t n, std::size_t W, std::size_t w0,
                 std::size_t w1, float* HWY_RESTRICT out) {
  ForEachPacked(packed, n, W, w0, w1, [&](auto d, std::size_t i, auto s) HWY_ATTR { hn::StoreU(s, d, out + i); });
}

void SignStepPacked(float* HWY_RESTRICT p, const std::uint64_t* HWY_RESTRICT packed, std::size_t n,
                    std::size_t W, std::size_t w0, std::size_t w1, float lr, float wd) {
  const float shrink = 1.0f - lr * wd;
  ForEachPacked(packed, n, W, w0, w1, [&](auto d, std::size_t i, auto s) HWY_ATTR {
    hn::StoreU(hn::Sub(hn::Mul(hn::LoadU(d, p + i), hn::Set(d, shrink)), hn::Mul(hn::Set(d, lr), s)), d, p + i);
  });
}

// Bit-sliced vote over words [w0, w1) of each plane: per lane 64 coordinates, counters of the +1 votes
// (P) and the −1 votes (M) kept as K bit planes each; then sign(P − M) by a bit-sliced comparison.
template <class D>
HWY_INLINE void VoteGroup(D d, const std::uint64_t* const* votes, std::size_t k, std::size_t W, std::size_t w,
                          unsigned K, std::uint64_t* HWY_RESTRICT out) {
  using V = hn::Vec<D>;
  V P[64], M[64];
  for (unsigned c = 0; c < K; ++c) P[c] = M[c] = hn::Zero(d);
  for (std::size_t j = 0; j < k; ++j) {
    V xp = hn::LoadU(d, votes[j] + w);
    V xm = hn::LoadU(d, votes[j] + W + w);
    for (unsigned c = 0; c < K; ++c) {  // ripple-carry add of one bit per coordinate
      const V cp = hn::And(P[c], xp), cm = hn::And(M[c], xm);
      P[c] = hn::Xor(P[c], xp);
      M[c] = hn::Xor(M[c], xm);
      xp = cp;
      xm = cm;
    }
  }
  V gt = hn::Zero(d), lt = hn::Zero(d), eq = hn::Not(hn::Zero(d));
  for (unsigned c = K; c-- > 0;) {  // most significant bit first
    gt = hn::Or(gt, hn::And(eq, hn::AndNot(M[c], P[c])));
    lt = hn::Or(lt, hn::And(eq, hn::AndNot(P[c], M[c])));
    eq = hn::AndNot(hn::Xor(P[c], M[c]), eq);
  }
  hn::StoreU(gt, d, out + w);
  hn::StoreU(lt, d, out + W + w);
}

void MajorityVote(const std::uint64_t* const* votes, std::size_t k, std::size_t W, std::size_t w0,
                  std::size_t w1, std::uint64_t* HWY_RESTRICT out) {
  unsigned K = 1;  // bits to count up to k
  while (K < 64 && (k >> K) != 0) ++K;
  const hn::ScalableTag<std::uint64_t> d;
  const std::size_t N = hn::Lanes(d);
  std::size_t w = w0;
  for (; w + N <= w1; w += N) VoteGroup(d, votes, k, W, w, K, out);
  const hn::CappedTag<std::uint64_t, 1> d1;
  for (; w < w1; ++w) VoteGroup(d1, votes, k, W, w, K, out);
}

// Popcounts over words [0, count) of a.
std::uint64_t PopcountWords(const std::uint64_t* HWY_RESTRICT a, std::size_t count) {
  const hn::ScalableTag<std::uint64_t> d;
  const std::size_t N = hn::Lanes(d);
  auto acc = hn::Zero(d);
  std::size_t i = 0;
  for (; i + N <= count; i += N) acc = hn::Add(acc, hn::PopulationCount(hn::LoadU(d, a + i)));
  std::uint64_t s = hn::GetLane(hn::SumOfLanes(d, acc));
  const hn::CappedTag<std::uint64_t, 1> d1;
  for (; i < count; ++i) s += hn::GetLane(hn::PopulationCount(hn::LoadU(d1, a + i)));
  return s;
}

// Coordinates where two packed vectors agree, among the n valid ones.
std::uint64_t PackedAgreement(const std::uint64_t* HWY_RESTRICT a, const std::uint64_t* HWY_RESTRICT b,
                              std::size_t n) {
  const std::size_t W = (n + 63) / 64;
  const hn::ScalableTag<std::uint64_t> d;
  const std::size_t N = hn::Lanes(d);
  auto acc = hn::Zero(d);
  std::size_t w = 0;
  // Disagreement bits: the planes differ somewhere; padding bits are clear in both, so they agree.
  for (; w + N <= W; w += N) {
    const auto diff = hn::Or(hn::Xor(hn::LoadU(d, a + w), hn::LoadU(d, b + w)),
                             hn::Xor(hn::LoadU(d, a + W + w), hn::LoadU(d, b + W + w)));
    acc = hn::Add(acc, hn::PopulationCount(diff));
  }
  std::uint64_t differ = hn::GetLane(hn::SumOfLanes(d, acc));
  const hn::CappedTag<std::uint64_t, 1> d1;
  for (; w < W; ++w) {
    const auto diff = hn::Or(hn::Xor(hn::LoadU(d1, a + w), hn::LoadU(d1, b + w)),
                             hn::Xor(hn::LoadU(d1, a + W + w), hn::LoadU(d1, b + W + w)));
    differ += hn::GetLane(hn::PopulationCount(diff));
  }
  return n - differ;
}

std::int64_t CurrentTarget() { return HWY_TARGET; }

}  // namespace HWY_NAMESPACE
}  // namespace kernels
}  // namespace signlab
HWY_AFTER_NAMESPACE();

#endif  // SIGNLAB_KERNELS_SIMD_INL_H_ toggle

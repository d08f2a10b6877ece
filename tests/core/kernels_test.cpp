// SIMD kernels against their scalar references (core/kernels/scalar_reference.hpp), on every SIMD target
// this CPU supports (each forced in turn), on lengths that are not multiples of any vector width, on
// pointers offset by one float from the allocation, and on inputs with ±0, denormals, ±inf and NaN.
//
// Bounds, stated:
//  - Update kernels (sgd ... sign_step, sign_step_packed, unpack): 0 ulp. Both sides evaluate the same
//    sequence of IEEE float operations (no FMA anywhere), so every output is bit-identical; a NaN output
//    must be NaN on both sides.
//  - Sign outputs (pack_signs, majority_vote, sign_agreement, count_signs, packed agreement): exact.
//  - linf_norm: exact (a max of floats). l1_norm, dot: |simd − ref| ≤ 1e-12·Σ|terms| (both accumulate in
//    double, in different orders: ≤ n·2⁻⁵³ relative, far below one float ulp). l2_norm: relative 1e-12.
//  - Threads: 1 and 2 threads give bit-identical results for every kernel, reductions included.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/kernels/kernels.hpp"
#include "core/sys/thread_spawn.hpp"
#include "core/kernels/scalar_reference.hpp"
#include "core/kernels/thread_pool.hpp"

namespace signlab::kernels {
namespace {

const std::vector<std::size_t> kLengths = {0,  1,  2,  3,  4,   5,   7,   8,    9,    15,   16,
                                           17, 31, 32, 33, 63,  64,  65,  127,  128,  129,  255,
                                           257, 1000, 1023, 4099, 8191, 8193, 20011};

// Values with every special case mixed into normal ones.
std::vector<float> special_values(std::size_t n, std::uint32_t seed, bool with_nan = true) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_int_distribution<int> pick(0, 19);
  const float specials[] = {0.0f,
                            -0.0f,
                            std::numeric_limits<float>::denorm_min(),
                            -std::numeric_limits<float>::denorm_min(),
                            1e-40f,
                            -3e-39f,
                            std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(),
                            std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::max(),
                            std::numeric_limits<float>::min()};
  const int nspecial = with_nan ? 11 : 8;  // without NaN: no NaN, no inf, no max
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int k = pick(rng);
    if (k < nspecial) {
      float s = specials[k];
      if (!with_nan && (std::isinf(s) || std::isnan(s))) s = 0.0f;
      v[i] = s;
    } else {
      v[i] = normal(rng);
    }
  }
  return v;
}

std::vector<float> normal_values(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = normal(rng);
  return v;
}

// A copy of `v` placed one float past the start of its allocation, so SIMD loads are unaligned.
struct Unaligned {
  explicit Unaligned(const std::vector<float>& v) : storage(v.size() + 1) {
    std::copy(v.begin(), v.end(), storage.begin() + 1);
  }
  float* data() { return storage.data() + 1; }
  std::vector<float> values() const { return {storage.begin() + 1, storage.end()}; }
  std::vector<float> storage;
};

::testing::AssertionResult same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return ::testing::AssertionFailure() << "sizes differ";
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool both_nan = std::isnan(a[i]) && std::isnan(b[i]);
    if (!both_nan && std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i])) {
      return ::testing::AssertionFailure() << "index " << i << ": " << a[i] << " vs " << b[i];
    }
  }
  return ::testing::AssertionSuccess();
}

// Runs fn once per SIMD target this CPU supports, with the target forced; restores dispatch afterwards.
template <class F>
void for_each_target(F&& fn) {
  const auto targets = testing::available_targets();
  ASSERT_FALSE(targets.empty());
  for (std::int64_t t : targets) {
    testing::force_target(t);
    SCOPED_TRACE("target " + testing::name_of(t));
    fn();
  }
  testing::force_target(0);
}

// An update kernel under test: runs on (p, s1, s2, a, b) — some unused — with n elements.
struct Arrays {
  std::vector<float> p, s1, s2, a, b;
};

Arrays make_arrays(std::size_t n, std::uint32_t seed) {
  return {special_values(n, seed), special_values(n, seed + 1), special_values(n, seed + 2),
          special_values(n, seed + 3), special_values(n, seed + 4)};
}

// Second-moment state must be >= 0 for Adam to be meaningful; still keep zeros, denormals, inf, NaN.
void make_nonnegative(std::vector<float>& v) {
  for (float& x : v) x = std::isnan(x) ? x : std::fabs(x);
}

using SimdUpdate = void (*)(float*, float*, float*, const float*, const float*, std::size_t, unsigned);
using ScalarUpdate = void (*)(float*, float*, float*, const float*, const float*, std::size_t);

struct UpdateCase {
  const char* name;
  SimdUpdate simd;
  ScalarUpdate ref;
  bool nonneg_s2 = false;
};

constexpr float kLr = 0.01f;

const UpdateCase kUpdates[] = {
    {"sgd", [](float* p, float*, float*, const float* a, const float*, std::size_t n,
               unsigned t) { sgd(p, a, n, kLr, t); },
     [](float* p, float*, float*, const float* a, const float*, std::size_t n) { scalar::sgd(p, a, n, kLr); }},
    {"momentum", [](float* p, float* s1, float*, const float* a, const float*, std::size_t n,
                    unsigned t) { momentum(p, s1, a, n, kLr, 0.9f, false, t); },
     [](float* p, float* s1, float*, const float* a, const float*, std::size_t n) {
       scalar::momentum(p, s1, a, n, kLr, 0.9f, false);
     }},
    {"nesterov", [](float* p, float* s1, float*, const float* a, const float*, std::size_t n,
                    unsigned t) { momentum(p, s1, a, n, kLr, 0.9f, true, t); },
     [](float* p, float* s1, float*, const float* a, const float*, std::size_t n) {
       scalar::momentum(p, s1, a, n, kLr, 0.9f, true);
     }},
    {"adam", [](float* p, float* s1, float* s2, const float* a, const float*, std::size_t n,
                unsigned t) { adam(p, s1, s2, a, n, AdamScalars{0.9f, 0.999f, 1e-8f, 0.01f, 0.3f, 0.01f, 1.0f}, t); },
     [](float* p, float* s1, float* s2, const float* a, const float*, std::size_t n) {
       scalar::adam(p, s1, s2, a, n, AdamScalars{0.9f, 0.999f, 1e-8f, 0.01f, 0.3f, 0.01f, 1.0f});
     },
     true},
    {"adamw", [](float* p, float* s1, float* s2, const float* a, const float*, std::size_t n,
                 unsigned t) { adam(p, s1, s2, a, n, AdamScalars{0.9f, 0.999f, 1e-8f, 0.1f, 0.04f, 0.0f, 0.999f}, t); },
     [](float* p, float* s1, float* s2, const float* a, const float*, std::size_t n) {
       scalar::adam(p, s1, s2, a, n, AdamScalars{0.9f, 0.999f, 1e-8f, 0.1f, 0.04f, 0.0f, 0.999f});
     },
     true},
    {"signsgd", [](float* p, float*, float*, const float* a, const float*, std::size_t n,
                   unsigned t) { signsgd(p, a, n, kLr, t); },
     [](float* p, float*, float*, const float* a, const float*, std::size_t n) { scalar::signsgd(p, a, n, kLr); }},
    {"signum", [](float* p, float* s1, float*, const float* a, const float*, std::size_t n,
                  unsigned t) { signum(p, s1, a, n, kLr, 0.9f, 0.1f, t); },
     [](float* p, float* s1, float*, const float* a, const float*, std::size_t n) {
       scalar::signum(p, s1, a, n, kLr, 0.9f, 0.1f);
     }},
    {"lion", [](float* p, float* s1, float*, const float* a, const float*, std::size_t n,
                unsigned t) { lion(p, s1, a, n, kLr, 0.9f, 0.99f, 0.999f, t); },
     [](float* p, float* s1, float*, const float* a, const float*, std::size_t n) {
       scalar::lion(p, s1, a, n, kLr, 0.9f, 0.99f, 0.999f);
     }},
    {"lion_no_decay", [](float* p, float* s1, float*, const float* a, const float*, std::size_t n,
                         unsigned t) { lion(p, s1, a, n, kLr, 0.95f, 0.98f, 1.0f, t); },
     [](float* p, float* s1, float*, const float* a, const float*, std::size_t n) {
       scalar::lion(p, s1, a, n, kLr, 0.95f, 0.98f, 1.0f);
     }},
    {"signum_no_decay", [](float* p, float* s1, float*, const float* a, const float*, std::size_t n,
                           unsigned t) { signum(p, s1, a, n, kLr, 0.9f, 0.0f, t); },
     [](float* p, float* s1, float*, const float* a, const float*, std::size_t n) {
       scalar::signum(p, s1, a, n, kLr, 0.9f, 0.0f);
     }},
    {"ssvr", [](float* p, float* s1, float*, const float* a, const float* b, std::size_t n,
                unsigned t) { ssvr(p, s1, a, b, n, kLr, 0.1f, t); },
     [](float* p, float* s1, float*, const float* a, const float* b, std::size_t n) {
       scalar::ssvr(p, s1, a, b, n, kLr, 0.1f);
     }},
    {"sign_step", [](float* p, float*, float*, const float* a, const float*, std::size_t n,
                     unsigned t) { sign_step(p, a, n, kLr, 0.5f, t); },
     [](float* p, float*, float*, const float* a, const float*, std::size_t n) {
       scalar::sign_step(p, a, n, kLr, 0.5f);
     }},
};

TEST(Kernels, TargetNameIsReported) {
  const std::string name = target_name();
  EXPECT_FALSE(name.empty());
  bool listed = false;
  for (std::int64_t t : testing::available_targets()) listed = listed || testing::name_of(t) == name;
  EXPECT_TRUE(listed) << name;
}

TEST(Kernels, UpdatesMatchScalarBitForBit) {
  for_each_target([&] {
    for (const UpdateCase& c : kUpdates) {
      for (std::size_t n : kLengths) {
        SCOPED_TRACE(std::string(c.name) + " n=" + std::to_string(n));
        Arrays in = make_arrays(n, static_cast<std::uint32_t>(n * 7 + 1));
        if (c.nonneg_s2) make_nonnegative(in.s2);
        Arrays ref = in;
        c.ref(ref.p.data(), ref.s1.data(), ref.s2.data(), ref.a.data(), ref.b.data(), n);
        Unaligned p(in.p), s1(in.s1), s2(in.s2), a(in.a), b(in.b);
        c.simd(p.data(), s1.data(), s2.data(), a.data(), b.data(), n, 1);
        EXPECT_TRUE(same_floats(p.values(), ref.p));
        EXPECT_TRUE(same_floats(s1.values(), ref.s1));
        EXPECT_TRUE(same_floats(s2.values(), ref.s2));
        EXPECT_TRUE(same_floats(a.values(), in.a)) << "input modified";
      }
    }
  });
}

TEST(Kernels, SignOfZeroAndNanIsZero) {
  // p − lr·sign(g): ±0 and NaN gradients leave p unchanged; everything else moves by exactly lr.
  std::vector<float> p(6, 1.0f);
  const std::vector<float> g = {0.0f, -0.0f, std::numeric_limits<float>::quiet_NaN(), 2.0f, -1e-45f,
                                -std::numeric_limits<float>::infinity()};
  signsgd(p.data(), g.data(), g.size(), 0.5f);
  EXPECT_EQ(p, (std::vector<float>{1.0f, 1.0f, 1.0f, 0.5f, 1.5f, 1.5f}));
}

TEST(Kernels, ReductionsMatchScalar) {
  for_each_target([&] {
    for (std::size_t n : kLengths) {
      SCOPED_TRACE("n=" + std::to_string(n));
      for (bool specials_with_nan : {false, true}) {
        const std::vector<float> av = special_values(n, static_cast<std::uint32_t>(n + 11), specials_with_nan);
        const std::vector<float> bv = special_values(n, static_cast<std::uint32_t>(n + 12), specials_with_nan);
        Unaligned a(av), b(bv);
        double abs_sum = 0.0, abs_dot = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
          abs_sum += std::fabs(static_cast<double>(av[i]));
          abs_dot += std::fabs(static_cast<double>(av[i]) * bv[i]);
        }
        auto near = [](double got, double want, double scale, const char* what) {
          if (std::isnan(want)) {
            EXPECT_TRUE(std::isnan(got)) << what;
          } else if (std::isinf(want)) {
            EXPECT_EQ(got, want) << what;
          } else {
            EXPECT_NEAR(got, want, 1e-12 * scale) << what;
          }
        };
        near(l1_norm(a.data(), n, 1), scalar::l1_norm(av.data(), n), abs_sum, "l1");
        const double l2 = scalar::l2_norm(av.data(), n);
        near(l2_norm(a.data(), n, 1), l2, l2, "l2");
        near(dot(a.data(), b.data(), n, 1), scalar::dot(av.data(), bv.data(), n), abs_dot, "dot");
        const double li = linf_norm(a.data(), n, 1), li_ref = scalar::linf_norm(av.data(), n);
        if (std::isnan(li_ref)) {
          EXPECT_TRUE(std::isnan(li));
        } else {
          EXPECT_EQ(li, li_ref);
        }
        EXPECT_EQ(sign_agreement(a.data(), b.data(), n, 1), scalar::sign_agreement(av.data(), bv.data(), n));
        EXPECT_EQ(sign_agreement(a.data(), a.data(), n, 1), n);
      }
    }
  });
}

TEST(Kernels, ReductionEdgeCases) {
  EXPECT_EQ(l1_norm(nullptr, 0), 0.0);
  EXPECT_EQ(l2_norm(nullptr, 0), 0.0);
  EXPECT_EQ(linf_norm(nullptr, 0), 0.0);
  EXPECT_EQ(dot(nullptr, nullptr, 0), 0.0);
  std::vector<float> x(100, 1.0f);
  x[77] = -std::numeric_limits<float>::infinity();
  EXPECT_EQ(linf_norm(x.data(), x.size()), std::numeric_limits<double>::infinity());
  EXPECT_EQ(l1_norm(x.data(), x.size()), std::numeric_limits<double>::infinity());
  x[3] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(linf_norm(x.data(), x.size())));
  // l2 of floats near FLT_MAX does not overflow: squares are summed in double.
  std::vector<float> big(10, 3e38f);
  const double big_l2 = static_cast<double>(3e38f) * std::sqrt(10.0);
  EXPECT_NEAR(l2_norm(big.data(), big.size()), big_l2, 1e-12 * big_l2);
  // sign agreement: ±0 and NaN all count as sign 0.
  const std::vector<float> a = {0.0f, -0.0f, std::numeric_limits<float>::quiet_NaN(), 1.0f, -1.0f, 1.0f};
  const std::vector<float> b = {-0.0f, std::numeric_limits<float>::quiet_NaN(), 0.0f, 2.0f, -3.0f, -1.0f};
  EXPECT_EQ(sign_agreement(a.data(), b.data(), a.size()), 5u);
}

TEST(Kernels, PackUnpackMatchScalar) {
  for_each_target([&] {
    for (std::size_t n : kLengths) {
      SCOPED_TRACE("n=" + std::to_string(n));
      const std::vector<float> xv = special_values(n, static_cast<std::uint32_t>(3 * n + 5));
      Unaligned x(xv);
      std::vector<std::uint64_t> packed(packed_size(n), ~std::uint64_t{0}), ref(packed_size(n));
      pack_signs(x.data(), n, packed.data(), 1);
      scalar::pack_signs(xv.data(), n, ref.data());
      EXPECT_EQ(packed, ref);
      for (std::size_t w = 0; w < packed_words(n); ++w) EXPECT_EQ(packed[w] & packed[packed_words(n) + w], 0u);

      Unaligned out(std::vector<float>(n, 42.0f));
      std::vector<float> out_ref(n);
      unpack_signs(packed.data(), n, out.data(), 1);
      scalar::unpack_signs(ref.data(), n, out_ref.data());
      EXPECT_TRUE(same_floats(out.values(), out_ref));
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(out.values()[i], scalar::sign0(xv[i]));

      const SignCounts c = count_signs(packed.data(), n);
      std::uint64_t pos = 0, neg = 0;
      for (float v : xv) {
        pos += v > 0.0f;
        neg += v < 0.0f;
      }
      EXPECT_EQ(c.positive, pos);
      EXPECT_EQ(c.negative, neg);
      EXPECT_EQ(c.zero, n - pos - neg);

      const std::vector<float> yv = special_values(n, static_cast<std::uint32_t>(3 * n + 6));
      std::vector<std::uint64_t> py(packed_size(n));
      pack_signs(yv.data(), n, py.data(), 1);
      EXPECT_EQ(packed_sign_agreement(packed.data(), py.data(), n), scalar::sign_agreement(xv.data(), yv.data(), n));

      Arrays in = make_arrays(n, static_cast<std::uint32_t>(n + 99));
      std::vector<float> p_ref = in.p;
      scalar::sign_step_packed(p_ref.data(), packed.data(), n, kLr, 0.25f);
      Unaligned p(in.p);
      sign_step_packed(p.data(), packed.data(), n, kLr, 0.25f, 1);
      EXPECT_TRUE(same_floats(p.values(), p_ref));
    }
  });
}

// sign(Σ_j sign(x_j)) computed directly on floats.
std::vector<float> vote_by_sum(const std::vector<std::vector<float>>& xs, std::size_t n) {
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    int s = 0;
    for (const auto& x : xs) s += static_cast<int>(scalar::sign0(x[i]));
    out[i] = static_cast<float>((s > 0) - (s < 0));
  }
  return out;
}

TEST(Kernels, MajorityVoteIsSignOfSumOfSigns) {
  for_each_target([&] {
    for (std::size_t k : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 16u, 31u, 64u}) {
      for (std::size_t n : {0u, 1u, 63u, 64u, 65u, 200u, 1000u, 4099u}) {
        SCOPED_TRACE("k=" + std::to_string(k) + " n=" + std::to_string(n));
        std::mt19937 rng(static_cast<std::uint32_t>(k * 1000 + n));
        std::uniform_int_distribution<int> tri(-1, 1);  // many zeros and ties
        std::vector<std::vector<float>> xs(k, std::vector<float>(n));
        std::vector<std::vector<std::uint64_t>> packed(k, std::vector<std::uint64_t>(packed_size(n)));
        std::vector<const std::uint64_t*> votes;
        for (std::size_t j = 0; j < k; ++j) {
          for (float& v : xs[j]) v = static_cast<float>(tri(rng)) * 0.5f;
          pack_signs(xs[j].data(), n, packed[j].data());
          votes.push_back(packed[j].data());
        }
        std::vector<std::uint64_t> out(packed_size(n), ~std::uint64_t{0}), ref(packed_size(n));
        majority_vote(votes.data(), k, n, out.data(), 1);
        scalar::majority_vote(votes.data(), k, n, ref.data());
        EXPECT_EQ(out, ref);
        std::vector<float> got(n);
        unpack_signs(out.data(), n, got.data());
        EXPECT_EQ(got, vote_by_sum(xs, n));
      }
    }
  });
}

TEST(Kernels, MajorityVoteTiesGiveZero) {
  const std::size_t n = 130;
  std::vector<float> a(n), b(n), c(n);
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = (i % 2) ? 1.0f : -1.0f;
    b[i] = -a[i];                            // a and b cancel everywhere
    c[i] = (i % 3 == 0) ? 0.0f : a[i];       // c breaks the tie except where it is 0
  }
  std::vector<std::uint64_t> pa(packed_size(n)), pb(packed_size(n)), pc(packed_size(n)), out(packed_size(n));
  pack_signs(a.data(), n, pa.data());
  pack_signs(b.data(), n, pb.data());
  pack_signs(c.data(), n, pc.data());
  const std::uint64_t* two[] = {pa.data(), pb.data()};
  majority_vote(two, 2, n, out.data());
  EXPECT_EQ(count_signs(out.data(), n).zero, n);
  const std::uint64_t* three[] = {pa.data(), pb.data(), pc.data()};
  majority_vote(three, 3, n, out.data());
  std::vector<float> s(n);
  unpack_signs(out.data(), n, s.data());
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(s[i], scalar::sign0(c[i])) << i;
}

TEST(Kernels, TwoThreadsEqualOneThread) {
  // Above the parallel threshold, with a length that splits unevenly.
  const std::size_t n = 3 * kParallelThreshold + 12345;
  for (const UpdateCase& c : kUpdates) {
    SCOPED_TRACE(c.name);
    Arrays in = make_arrays(n, 2024);
    if (c.nonneg_s2) make_nonnegative(in.s2);
    Arrays one = in, two = in, autom = in;
    c.simd(one.p.data(), one.s1.data(), one.s2.data(), one.a.data(), one.b.data(), n, 1);
    c.simd(two.p.data(), two.s1.data(), two.s2.data(), two.a.data(), two.b.data(), n, 2);
    c.simd(autom.p.data(), autom.s1.data(), autom.s2.data(), autom.a.data(), autom.b.data(), n, 0);
    EXPECT_TRUE(same_floats(one.p, two.p));
    EXPECT_TRUE(same_floats(one.s1, two.s1));
    EXPECT_TRUE(same_floats(one.s2, two.s2));
    EXPECT_TRUE(same_floats(one.p, autom.p));
  }
  const std::vector<float> x = normal_values(n, 5), y = normal_values(n, 6);
  for (unsigned t : {2u, 0u}) {
    EXPECT_EQ(l1_norm(x.data(), n, 1), l1_norm(x.data(), n, t));
    EXPECT_EQ(l2_norm(x.data(), n, 1), l2_norm(x.data(), n, t));
    EXPECT_EQ(linf_norm(x.data(), n, 1), linf_norm(x.data(), n, t));
    EXPECT_EQ(dot(x.data(), y.data(), n, 1), dot(x.data(), y.data(), n, t));
    EXPECT_EQ(sign_agreement(x.data(), y.data(), n, 1), sign_agreement(x.data(), y.data(), n, t));
  }
  EXPECT_NEAR(l1_norm(x.data(), n), scalar::l1_norm(x.data(), n), 1e-12 * scalar::l1_norm(x.data(), n));

  std::vector<std::uint64_t> p1(packed_size(n)), p2(packed_size(n)), q(packed_size(n));
  pack_signs(x.data(), n, p1.data(), 1);
  pack_signs(x.data(), n, p2.data(), 2);
  EXPECT_EQ(p1, p2);
  pack_signs(y.data(), n, q.data(), 2);
  const std::uint64_t* votes[] = {p1.data(), q.data(), p2.data()};
  std::vector<std::uint64_t> v1(packed_size(n)), v2(packed_size(n));
  majority_vote(votes, 3, n, v1.data(), 1);
  majority_vote(votes, 3, n, v2.data(), 2);
  EXPECT_EQ(v1, v2);
  std::vector<float> u1(n), u2(n), s1 = x, s2 = x;
  unpack_signs(v1.data(), n, u1.data(), 1);
  unpack_signs(v1.data(), n, u2.data(), 2);
  EXPECT_EQ(u1, u2);
  sign_step_packed(s1.data(), v1.data(), n, 0.1f, 0.01f, 1);
  sign_step_packed(s2.data(), v1.data(), n, 0.1f, 0.01f, 2);
  EXPECT_TRUE(same_floats(s1, s2));
}

TEST(Kernels, RoofsAndTriadCompute) {
  const std::size_t n = 1003;
  std::vector<float> p(n, 1.0f), m(n, 2.0f), v(n, 3.0f), g(n, 0.5f), h(n, 0.25f);
  roof_rw1(p.data(), g.data(), n);
  roof_rw2(p.data(), m.data(), g.data(), n);
  roof_rw3(p.data(), m.data(), v.data(), g.data(), n);
  roof_rw2r2(p.data(), v.data(), g.data(), h.data(), n);
  triad(h.data(), p.data(), m.data(), 2.0f, n);
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(p[i], 3.0f);
    ASSERT_EQ(m[i], 3.0f);
    ASSERT_EQ(v[i], 3.75f);
    ASSERT_EQ(h[i], 9.0f);
  }
}

// A pool short of threads (the system refused some) is smaller and still covers every item once.
TEST(KernelThreadPool, RefusedThreadsLeaveASmallerPoolThatStillWorks) {
  for (const int limit : {0, 2}) {
    sys::set_thread_limit_for_testing(limit);
    ThreadPool pool(6);
    sys::set_thread_limit_for_testing(-1);
    EXPECT_EQ(pool.size(), static_cast<unsigned>(limit) + 1);
    std::vector<std::atomic<int>> hits(1000);
    auto task = [](void* ctx, std::size_t b, std::size_t e) {
      auto& h = *static_cast<std::vector<std::atomic<int>>*>(ctx);
      for (std::size_t i = b; i < e; ++i) h[i].fetch_add(1);
    };
    for (int rep = 0; rep < 20; ++rep) pool.run(hits.size(), 6, task, &hits);
    for (std::size_t i = 0; i < hits.size(); ++i) ASSERT_EQ(hits[i].load(), 20) << limit;
  }
}

TEST(KernelThreadPool, CoversEveryItemOnceAndSurvivesConcurrentCallers) {
  ThreadPool pool(3);
  EXPECT_EQ(pool.size(), 3u);
  for (std::size_t items : {0u, 1u, 2u, 5u, 1000u}) {
    for (unsigned parts : {1u, 2u, 3u, 8u}) {
      std::vector<std::atomic<int>> hits(items);
      auto task = [](void* ctx, std::size_t b, std::size_t e) {
        auto& h = *static_cast<std::vector<std::atomic<int>>*>(ctx);
        for (std::size_t i = b; i < e; ++i) h[i].fetch_add(1);
      };
      for (int rep = 0; rep < 50; ++rep) pool.run(items, parts, task, &hits);
      for (std::size_t i = 0; i < items; ++i) ASSERT_EQ(hits[i].load(), 50) << items << " " << parts;
    }
  }
  // Two threads calling at once: the loser of the race runs its call alone; both complete correctly.
  std::vector<std::atomic<int>> a(10000), b(10000);
  auto task = [](void* ctx, std::size_t lo, std::size_t hi) {
    auto& h = *static_cast<std::vector<std::atomic<int>>*>(ctx);
    for (std::size_t i = lo; i < hi; ++i) h[i].fetch_add(1);
  };
  std::thread other([&] {
    for (int rep = 0; rep < 200; ++rep) pool.run(a.size(), 3, task, &a);
  });
  for (int rep = 0; rep < 200; ++rep) pool.run(b.size(), 3, task, &b);
  other.join();
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].load(), 200);
    ASSERT_EQ(b[i].load(), 200);
  }
}

}  // namespace
}  // namespace signlab::kernels

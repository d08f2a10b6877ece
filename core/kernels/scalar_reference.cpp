#include "core/kernels/scalar_reference.hpp"

#include <cmath>
#include <limits>

namespace signlab::kernels::scalar {

// Every line below is the exact float expression the SIMD kernels evaluate: separate multiplies and adds
// (this file is compiled for baseline x86-64, which has no FMA; kernels.cpp turns contraction off), moving
// averages in the interpolation form m + (1 − β)·(g − m).

void sgd(float* p, const float* g, std::size_t n, float lr) {
  for (std::size_t i = 0; i < n; ++i) p[i] = p[i] - lr * g[i];
}

void momentum(float* p, float* b, const float* g, std::size_t n, float lr, float mu, bool nesterov) {
  for (std::size_t i = 0; i < n; ++i) {
    const float bi = mu * b[i] + g[i];
    b[i] = bi;
    const float dir = nesterov ? g[i] + mu * bi : bi;
    p[i] = p[i] - lr * dir;
  }
}

void adam(float* p, float* m, float* v, const float* g, std::size_t n, const AdamScalars& s) {
  const float one_m_b1 = 1.0f - s.beta1, one_m_b2 = 1.0f - s.beta2;
  const float inv_bc2 = 1.0f / s.bc2_sqrt;
  for (std::size_t i = 0; i < n; ++i) {
    const float gi = s.l2_wd != 0.0f ? g[i] + s.l2_wd * p[i] : g[i];  // torch skips a zero L2 term
    const float mi = m[i] + one_m_b1 * (gi - m[i]);
    const float vi = s.beta2 * v[i] + one_m_b2 * (gi * gi);
    m[i] = mi;
    v[i] = vi;
    const float denom = std::sqrt(vi) * inv_bc2 + s.eps;
    p[i] = p[i] * s.shrink - s.step_size * (mi / denom);
  }
}

void signsgd(float* p, const float* g, std::size_t n, float lr) {
  for (std::size_t i = 0; i < n; ++i) p[i] = p[i] - lr * sign0(g[i]);
}

void signum(float* p, float* m, const float* g, std::size_t n, float lr, float beta, float wd) {
  const float one_m_b = 1.0f - beta;
  const float shrink = 1.0f - lr * wd;  // p − lr·(sign(m) + wd·p) = p·(1 − lr·wd) − lr·sign(m)
  for (std::size_t i = 0; i < n; ++i) {
    const float mi = m[i] + one_m_b * (g[i] - m[i]);
    m[i] = mi;
    p[i] = (shrink != 1.0f ? p[i] * shrink : p[i]) - lr * sign0(mi);
  }
}

void lion(float* p, float* m, const float* g, std::size_t n, float lr, float beta1, float beta2, float shrink) {
  const float one_m_b1 = 1.0f - beta1, one_m_b2 = 1.0f - beta2;
  for (std::size_t i = 0; i < n; ++i) {
    const float diff = g[i] - m[i];
    const float c = m[i] + one_m_b1 * diff;
    p[i] = (shrink != 1.0f ? p[i] * shrink : p[i]) - lr * sign0(c);
    m[i] = m[i] + one_m_b2 * diff;
  }
}

void ssvr(float* p, float* v, const float* g, const float* g_prev, std::size_t n, float eta, float beta) {
  const float one_m_b = 1.0f - beta;
  for (std::size_t i = 0; i < n; ++i) {
    const float vi = g[i] + one_m_b * (v[i] - g_prev[i]);
    v[i] = vi;
    p[i] = p[i] - eta * sign0(vi);
  }
}

void sign_step(float* p, const float* dir, std::size_t n, float lr, float wd) {
  const float shrink = 1.0f - lr * wd;
  for (std::size_t i = 0; i < n; ++i) p[i] = p[i] * shrink - lr * sign0(dir[i]);
}

double l1_norm(const float* x, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += std::fabs(static_cast<double>(x[i]));
  return s;
}

double l2_norm(const float* x, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(x[i]) * static_cast<double>(x[i]);
  return std::sqrt(s);
}

double linf_norm(const float* x, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(x[i])) return std::numeric_limits<double>::quiet_NaN();
    s = std::fmax(s, std::fabs(static_cast<double>(x[i])));
  }
  return s;
}

double dot(const float* a, const float* b, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(a[i]) * static_cast<double>(b[i]);
  return s;
}

std::uint64_t sign_agreement(const float* a, const float* b, std::size_t n) {
  std::uint64_t c = 0;
  for (std::size_t i = 0; i < n; ++i) c += sign0(a[i]) == sign0(b[i]) ? 1 : 0;
  return c;
}

void pack_signs(const float* x, std::size_t n, std::uint64_t* out) {
  const std::size_t w = packed_words(n);
  for (std::size_t k = 0; k < 2 * w; ++k) out[k] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if (x[i] > 0.0f) out[i / 64] |= bit;
    if (x[i] < 0.0f) out[w + i / 64] |= bit;
  }
}

namespace {
int sign_at(const std::uint64_t* packed, std::size_t n, std::size_t i) {
  const std::size_t w = packed_words(n);
  const std::uint64_t bit = std::uint64_t{1} << (i % 64);
  return ((packed[i / 64] & bit) ? 1 : 0) - ((packed[w + i / 64] & bit) ? 1 : 0);
}
}  // namespace

void unpack_signs(const std::uint64_t* packed, std::size_t n, float* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<float>(sign_at(packed, n, i));
}

void majority_vote(const std::uint64_t* const* votes, std::size_t k, std::size_t n, std::uint64_t* out) {
  const std::size_t w = packed_words(n);
  for (std::size_t j = 0; j < 2 * w; ++j) out[j] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    long long sum = 0;
    for (std::size_t j = 0; j < k; ++j) sum += sign_at(votes[j], n, i);
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if (sum > 0) out[i / 64] |= bit;
    if (sum < 0) out[w + i / 64] |= bit;
  }
}

void sign_step_packed(float* p, const std::uint64_t* packed, std::size_t n, float lr, float wd) {
  const float shrink = 1.0f - lr * wd;
  for (std::size_t i = 0; i < n; ++i) {
    const float s = static_cast<float>(sign_at(packed, n, i));
    p[i] = p[i] * shrink - lr * s;
  }
}

}  // namespace signlab::kernels::scalar

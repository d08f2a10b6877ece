#pragma once
// Plain scalar versions of every kernel in kernels.hpp: one loop each, written straight from the formulas,
// single-threaded, no SIMD. They define what the SIMD kernels must compute (tests compare the two) and
// document the exact order of float operations the SIMD code follows.
#include <cstddef>
#include <cstdint>

#include "core/kernels/kernels.hpp"

namespace signlab::kernels::scalar {

// sign(x) with sign(±0) = sign(NaN) = 0.
inline float sign0(float x) { return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f); }

void sgd(float* p, const float* g, std::size_t n, float lr);
void momentum(float* p, float* b, const float* g, std::size_t n, float lr, float mu, bool nesterov);
void adam(float* p, float* m, float* v, const float* g, std::size_t n, const AdamScalars& s);
void signsgd(float* p, const float* g, std::size_t n, float lr);
void signum(float* p, float* m, const float* g, std::size_t n, float lr, float beta, float wd);
void lion(float* p, float* m, const float* g, std::size_t n, float lr, float beta1, float beta2, float shrink);
void ssvr(float* p, float* v, const float* g, const float* g_prev, std::size_t n, float eta, float beta);
void sign_step(float* p, const float* dir, std::size_t n, float lr, float wd);

// Sequential sums in double.
double l1_norm(const float* x, std::size_t n);
double l2_norm(const float* x, std::size_t n);
double linf_norm(const float* x, std::size_t n);
double dot(const float* a, const float* b, std::size_t n);
std::uint64_t sign_agreement(const float* a, const float* b, std::size_t n);

void pack_signs(const float* x, std::size_t n, std::uint64_t* out);
void unpack_signs(const std::uint64_t* packed, std::size_t n, float* out);
// Coordinate by coordinate: sum the k signs as integers, take the sign.
void majority_vote(const std::uint64_t* const* votes, std::size_t k, std::size_t n, std::uint64_t* out);
void sign_step_packed(float* p, const std::uint64_t* packed, std::size_t n, float lr, float wd);

}  // namespace signlab::kernels::scalar

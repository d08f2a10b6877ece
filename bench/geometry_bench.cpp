// Geometry costs (core/geometry): exact L∞ by Gray-code enumeration at d = 20, the certified L∞ bracket
// at d = 200 and 2000 (greedy vertices, Cholesky-certified eigenvalue bounds, SDP dual certificate),
// the whole report on the d-dimensional quadratic, and building that quadratic.
// Counters: upper_over_lower = how tight the bracket is (1 = closed).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "core/geometry/geometry.hpp"
#include "core/geometry/linf.hpp"
#include "core/problems/quadratic_nd.hpp"

namespace signlab {
namespace {

// A dense PSD matrix of rank d/4 plus a small ridge: the hard case for L∞ (far from diagonal).
Eigen::MatrixXd random_psd(int d, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> n(0.0, 1.0);
  const int k = std::max(1, d / 4);
  Eigen::MatrixXd B(k, d);
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < d; ++j) B(i, j) = n(rng);
  Eigen::MatrixXd H = B.transpose() * B / k;
  H.diagonal().array() += 0.01;
  return 0.5 * (H + H.transpose());
}

void BM_LinfExact(benchmark::State& state) {
  const Eigen::MatrixXd H = random_psd(static_cast<int>(state.range(0)), 1);
  double v = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(v = geometry::linf_exact(H));
  state.counters["linf"] = v;
  state.counters["vertices"] = static_cast<double>(std::uint64_t{1} << (state.range(0) - 1));
}
BENCHMARK(BM_LinfExact)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

void BM_LinfBracket(benchmark::State& state) {
  const Eigen::MatrixXd H = random_psd(static_cast<int>(state.range(0)), 2);
  geometry::LinfResult r;
  for (auto _ : state) r = geometry::linf_bracket(H);
  state.counters["lower"] = r.lower.value;
  state.counters["upper"] = r.upper.value;
  state.counters["upper_over_lower"] = r.upper.value / r.lower.value;
}
BENCHMARK(BM_LinfBracket)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LinfBracket)->Arg(2000)->Iterations(1)->Unit(benchmark::kMillisecond);

// Full report (dense eigensolver + L∞ + gradient) on quadratic:d=N,ratio=10,theta=0.5.
void BM_GeometryReport_Quadratic(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const QuadraticND q(d, 10.0, 0.5, 1);
  const std::vector<double> x(d, 1.0);
  geometry::GeometryReport r;
  for (auto _ : state) r = geometry::compute_geometry(q, x);
  state.counters["rho_diag"] = r.rho_diag;
  state.counters["upper_over_lower"] = r.linf.upper.value / r.linf.lower.value;
}
BENCHMARK(BM_GeometryReport_Quadratic)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeometryReport_Quadratic)->Arg(2000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_QuadraticND_Build(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(QuadraticND(d, 10.0, 0.5, 1).steep_direction().data());
}
BENCHMARK(BM_QuadraticND_Build)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuadraticND_Build)->Arg(2000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace signlab

// Plain Eigen-expression versions of the optimizer updates, the way one writes them with Eigen arrays:
// one statement per state vector (Eigen evaluates each assignment in its own pass). sign() is written as
// a comparison-and-select, about 2× faster here than Eigen's .sign(), which does not vectorise.
// Built by run_peers.sh with g++ -O3 -march=native (Eigen's best on this machine). Prints one line per
// (kernel, d): "eigen <kernel> <d> <median ns per parameter per step>".
#include <Eigen/Core>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using Eigen::ArrayXf;

namespace {

struct State {
  explicit State(Eigen::Index n)
      : p(ArrayXf::Random(n) * 0.1f + 1.0f), m(ArrayXf::Random(n) * 1e-3f), v(ArrayXf::Random(n).square() * 1e-6f),
        g(ArrayXf::Random(n) * 1e-3f) {}
  ArrayXf p, m, v, g;
};

constexpr float lr = 1e-7f, b1 = 0.9f, b2 = 0.99f, wd = 0.01f;

template <class F>
double median_ns_per_param(Eigen::Index n, F&& step) {
  // CPU time of this process (single-threaded), as signlab_bench's cpu_time: wall time on a shared machine
  // would include other jobs' time slices.
  auto now = [] {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  };
  std::vector<double> samples;
  for (int rep = 0; rep < 5; ++rep) {
    long iters = 0;
    const double t0 = now();
    double elapsed = 0;
    do {
      step();
      ++iters;
      elapsed = now() - t0;
    } while (elapsed < 0.05);
    samples.push_back(elapsed * 1e9 / (static_cast<double>(iters) * static_cast<double>(n)));
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<long> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atol(argv[i]));
  if (sizes.empty()) sizes = {10000, 100000, 1000000, 10000000};
  for (long d : sizes) {
    State s(d);
    const float shrink = 1.0f - lr * wd;
    auto report = [&](const char* name, double ns) { std::printf("eigen %s %ld %.6f\n", name, d, ns); };
    report("sgd", median_ns_per_param(d, [&] { s.p -= lr * s.g; }));
    report("momentum", median_ns_per_param(d, [&] {
             s.m = 0.9f * s.m + s.g;
             s.p -= lr * s.m;
           }));
    const float step_size = 1e-7f, bc2 = 0.3f, eps = 1e-8f;
    report("adam", median_ns_per_param(d, [&] {
             s.m = b1 * s.m + (1 - b1) * s.g;
             s.v = 0.999f * s.v + (1 - 0.999f) * s.g.square();
             s.p -= step_size * s.m / (s.v.sqrt() / bc2 + eps);
           }));
    report("adamw", median_ns_per_param(d, [&] {
             s.p *= shrink;
             s.m = b1 * s.m + (1 - b1) * s.g;
             s.v = 0.999f * s.v + (1 - 0.999f) * s.g.square();
             s.p -= step_size * s.m / (s.v.sqrt() / bc2 + eps);
           }));
    report("signum", median_ns_per_param(d, [&] {
             s.m = b1 * s.m + (1 - b1) * s.g;
             s.p = s.p * shrink - (s.m > 0.0f).select(lr, (s.m < 0.0f).select(-lr, ArrayXf::Zero(d)));
           }));
    report("lion", median_ns_per_param(d, [&] {
             const auto c = b1 * s.m + (1 - b1) * s.g;
             s.p = s.p * shrink - (c > 0.0f).select(lr, (c < 0.0f).select(-lr, ArrayXf::Zero(d)));
             s.m = b2 * s.m + (1 - b2) * s.g;
           }));
    std::fflush(stdout);
  }
  return 0;
}

#include "core/problems/softmax_xent.hpp"

namespace signlab::xent {

bool bias_plane_values(const RowMatrix<double>& Z, const std::uint8_t* y, double base0, double base1,
                       double l2, double ridge_rest, const double* xs, int nx, const double* ys, int ny,
                       double* out, const std::function<bool(double)>& progress, double start) {
  using Array = Eigen::ArrayXd;
  const Eigen::Index n = Z.rows(), K = Z.cols();
  // Per example, relative to its largest logit m: e0 = e^(z0 − m), e1 = e^(z1 − m), rest = Σ_{k≥2} e^(zk − m);
  // the loss at (Δ0, Δ1) is m + log(rest + e0·e^Δ0 + e1·e^Δ1) − z_y − Δ0·[y = 0] − Δ1·[y = 1].
  Array e0(n), e1(n), rest(n);
  double base_sum = 0.0;  // Σ_i (m_i − z_i,y_i)
  int n0 = 0, n1 = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double m = Z.row(i).maxCoeff();
    e0[i] = std::exp(Z(i, 0) - m);
    e1[i] = std::exp(Z(i, 1) - m);
    double r = 0.0;
    for (Eigen::Index k = 2; k < K; ++k) r += std::exp(Z(i, k) - m);
    rest[i] = r;
    base_sum += m - Z(i, y[i]);
    n0 += y[i] == 0;
    n1 += y[i] == 1;
  }
  const double inv_n = 1.0 / static_cast<double>(n);
  for (int j = 0; j < ny; ++j) {
    const double d1 = ys[j] - base1;
    for (int i = 0; i < nx; ++i) {
      const double d0 = xs[i] - base0;
      // Scaled by e^(−M), M = max(0, Δ0, Δ1), so no factor exceeds 1 and nothing overflows far out.
      const double M = std::max({0.0, d0, d1});
      const double s = std::exp(-M), a = std::exp(d0 - M), b = std::exp(d1 - M);
      const double logs = (rest * s + e0 * a + e1 * b).log().sum();
      const double ce = (base_sum + logs - n0 * d0 - n1 * d1) * inv_n + M;
      out[static_cast<std::size_t>(j) * nx + i] = ce + 0.5 * l2 * (ridge_rest + xs[i] * xs[i] + ys[j] * ys[j]);
    }
    if (progress && !progress(start + (1.0 - start) * static_cast<double>(j + 1) / ny)) return false;
  }
  return true;
}

}  // namespace signlab::xent

#pragma once
// ½·xᵀHx for any symmetric H, any d: `quadratic:hessian=FILE.csv`. The CSV holds the d×d matrix, one
// row a line, numbers separated by commas; blank lines and lines starting with '#' are skipped.
// A bad file is a SpecError naming the line and column (1-based, columns are CSV fields).
#include <Eigen/Dense>
#include <cstddef>
#include <memory>
#include <string>

#include "core/problems/problem.hpp"

namespace signlab {

// Largest d accepted from a file (the dense matrix alone is 8·d² bytes).
inline constexpr int kQuadraticFileMaxDim = 10000;
// What a hessian=FILE.csv may weigh: 10⁴ × 10⁴ entries of about 5 characters.
inline constexpr std::size_t kQuadraticFileMaxBytes = std::size_t{512} << 20;

class MatrixQuadratic final : public Problem {
 public:
  // H must be symmetric (it is symmetrised to ½(H + Hᵀ) so the Hessian is exactly symmetric).
  explicit MatrixQuadratic(Eigen::MatrixXd H);
  int dim() const override { return static_cast<int>(H_.rows()); }
  double value(std::span<const double> x) const override;  // ½·xᵀ(H·x)
  void gradient(std::span<const double> x, std::span<double> g) const override;
  void hessian(std::span<const double> x, std::span<double> H) const override;
  bool hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const override;
  std::vector<double> default_start() const override;  // (1, 1, ..., 1)
  Box default_view() const override;                   // [-2, 2]² (the first two coordinates)
  // {0} when H ⪰ 0 is known (checked at construction for d ≤ 500); else none.
  std::vector<std::vector<double>> minimizers() const override;
  const Eigen::MatrixXd& matrix() const { return H_; }

 private:
  Eigen::MatrixXd H_;
  bool psd_ = false;
};

// Reads and checks the CSV: numbers (finite), rectangular, square, symmetric up to 1e-12·max|H_ij|.
// Throws SpecError "problem quadratic: hessian=PATH: line L, column C: ..." (one line).
Eigen::MatrixXd read_hessian_csv(const std::string& path);

std::unique_ptr<Problem> make_quadratic_from_file(const std::string& path);

}  // namespace signlab

// Quadratics from a Hessian in a CSV file.
#include "core/problems/quadratic_file.hpp"
#include "core/spec/quote.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string_view>
#include <vector>

#include "core/io/user_file.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Eigen::Map<const Eigen::VectorXd> vec(std::span<const double> x) {
  return {x.data(), static_cast<Eigen::Index>(x.size())};
}

}  // namespace

MatrixQuadratic::MatrixQuadratic(Eigen::MatrixXd H) : H_(0.5 * (H + H.transpose())) {
  if (H_.rows() <= 500 && H_.rows() > 0) {
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H_, Eigen::EigenvaluesOnly);
    const double scale = es.eigenvalues().cwiseAbs().maxCoeff();
    psd_ = es.eigenvalues()[0] >= -1e-12 * scale;
  }
}

double MatrixQuadratic::value(std::span<const double> x) const {
  const auto xv = vec(x);
  return 0.5 * xv.dot(H_ * xv);
}

void MatrixQuadratic::gradient(std::span<const double> x, std::span<double> g) const {
  Eigen::Map<Eigen::VectorXd>(g.data(), dim()).noalias() = H_ * vec(x);
}

void MatrixQuadratic::hessian(std::span<const double> x, std::span<double> H) const {
  (void)x;
  // H_ is exactly symmetric, so its column-major storage is also the row-major one.
  std::copy(H_.data(), H_.data() + H_.size(), H.begin());
}

bool MatrixQuadratic::hvp(std::span<const double> x, std::span<const double> v, std::span<double> out) const {
  (void)x;
  Eigen::Map<Eigen::VectorXd>(out.data(), dim()).noalias() = H_ * vec(v);
  return true;
}

std::vector<double> MatrixQuadratic::default_start() const { return std::vector<double>(dim(), 1.0); }

Box MatrixQuadratic::default_view() const { return {-2.0, 2.0, -2.0, 2.0}; }

std::vector<std::vector<double>> MatrixQuadratic::minimizers() const {
  if (!psd_) return {};
  return {std::vector<double>(dim(), 0.0)};
}

Eigen::MatrixXd read_hessian_csv(const std::string& path) {
  const std::string head = "problem quadratic: hessian=" + escape_input(path);
  std::istringstream in;
  try {
    in.str(read_user_file(path, kQuadraticFileMaxBytes, "problem quadratic: hessian="));
  } catch (const UserFileError& e) {
    throw SpecError(e.what());  // a bad SPEC, like any other
  }
  std::vector<std::vector<double>> rows;
  std::vector<int> line_of;  // file line of each row
  std::string line;
  int lineno = 0;
  std::size_t cols = 0;
  while (std::getline(in, line)) {
    ++lineno;
    const std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    std::vector<double> row;
    std::string_view rest = t;
    int col = 0;
    while (true) {
      ++col;
      const auto comma = rest.find(',');
      const std::string field(trim(rest.substr(0, comma)));
      const std::string where = head + ": line " + std::to_string(lineno) + ", column " + std::to_string(col);
      if (field.empty()) throw SpecError(where + ": empty entry (expected a number)");
      char* end = nullptr;
      const double v = std::strtod(field.c_str(), &end);
      if (end != field.c_str() + field.size()) throw SpecError(where + ": " + quote_input(field) + " is not a number");
      if (!std::isfinite(v)) throw SpecError(where + ": " + quote_input(field) + " is not finite");
      row.push_back(v);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
    if (rows.empty()) {
      cols = row.size();
      if (cols > static_cast<std::size_t>(kQuadraticFileMaxDim))
        throw SpecError(head + ": line " + std::to_string(lineno) + " has " + std::to_string(cols) +
                        " columns (at most " + std::to_string(kQuadraticFileMaxDim) + ")");
    } else if (row.size() != cols) {
      throw SpecError(head + ": line " + std::to_string(lineno) + ", column " +
                      std::to_string(std::min(row.size(), cols) + 1) + ": the row has " + std::to_string(row.size()) +
                      " columns, the first row has " + std::to_string(cols));
    }
    if (rows.size() == cols)
      throw SpecError(head + ": line " + std::to_string(lineno) + ", column 1: row " + std::to_string(rows.size() + 1) +
                      " of a matrix with " + std::to_string(cols) + " columns (it must be square)");
    rows.push_back(std::move(row));
    line_of.push_back(lineno);
  }
  if (rows.empty()) throw SpecError(head + ": no rows (the file holds no numbers)");
  if (rows.size() != cols)
    throw SpecError(head + ": line " + std::to_string(lineno + 1) + ", column 1: the file ends after " +
                    std::to_string(rows.size()) + " rows of " + std::to_string(cols) + " columns (it must be square)");
  const int d = static_cast<int>(cols);
  Eigen::MatrixXd H(d, d);
  double scale = 0.0;
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) {
      H(i, j) = rows[i][j];
      scale = std::max(scale, std::abs(rows[i][j]));
    }
  const double tol = 1e-12 * scale;
  for (int i = 0; i < d; ++i)
    for (int j = i + 1; j < d; ++j)
      if (std::abs(H(i, j) - H(j, i)) > tol)
        throw SpecError(head + ": line " + std::to_string(line_of[i]) + ", column " + std::to_string(j + 1) +
                        ": not symmetric: H(" + std::to_string(i + 1) + "," + std::to_string(j + 1) + ") = " +
                        format_number(H(i, j)) + " but H(" + std::to_string(j + 1) + "," + std::to_string(i + 1) +
                        ") = " + format_number(H(j, i)) + " (line " + std::to_string(line_of[j]) + ", column " +
                        std::to_string(i + 1) + ")");
  return H;
}

std::unique_ptr<Problem> make_quadratic_from_file(const std::string& path) {
  return std::make_unique<MatrixQuadratic>(read_hessian_csv(path));
}

}  // namespace signlab

// signlab geometry: the Hessian geometry at a point (core/geometry), as one JSON object (--json) or a
// readable table. Keys are documented in DESIGN.md ("The CLI") and in the issue: d, rho_diag, ...
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/failure.hpp"
#include "core/geometry/geometry.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab::cli {
namespace {

nlohmann::ordered_json num(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

nlohmann::ordered_json to_json(const geometry::GeometryReport& r) {
  nlohmann::ordered_json j;
  j["d"] = r.d;
  j["rho_diag"] = num(r.rho_diag);
  j["diag_frob_share"] = num(r.diag_frob_share);
  j["lambda_max"] = num(r.lambda_max);
  j["lambda_min"] = num(r.lambda_min);
  j["lambda_mean"] = num(r.lambda_mean);
  j["ratio_max_mean"] = num(r.ratio_max_mean);
  j["linf_exact"] = r.linf.exact ? num(*r.linf.exact) : nlohmann::ordered_json(nullptr);
  j["linf_lower"] = num(r.linf.lower.value);
  j["linf_upper"] = num(r.linf.upper.value);
  j["linf_method"] = r.linf.method;
  j["l2_smooth"] = num(r.l2_smooth);
  j["grad_l1"] = num(r.grad.l1);
  j["grad_l2"] = num(r.grad.l2);
  j["grad_l1_l2_ratio"] = num(r.grad.l1_l2_ratio);
  j["sqrt_d"] = num(r.grad.sqrt_d);
  j["density"] = num(r.grad.density);
  j["progress_ratio"] = num(r.progress_ratio);
  // Beyond the documented keys: the certified range of R and how each number was obtained.
  j["progress_ratio_lower"] = num(r.progress_ratio_lower);
  j["progress_ratio_upper"] = num(r.progress_ratio_upper);
  j["linf_lower_method"] = r.linf.lower.method;
  j["linf_upper_method"] = r.linf.upper.method;
  j["lambda_mean_stderr"] = num(r.lambda_mean_stderr);
  j["psd"] = r.psd;
  j["hessian_method"] = r.hessian_method;
  j["spectrum_method"] = r.spectrum_method;
  return j;
}

std::string fmt(double v) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void print_table(const geometry::GeometryReport& r) {
  auto row = [](const char* name, const std::string& value, const char* note) {
    std::printf("  %-20s %-14s %s\n", name, value.c_str(), note);
  };
  std::printf("geometry at the point (d = %d; Hessian: %s; spectrum: %s)\n", r.d, r.hessian_method.c_str(),
              r.spectrum_method.c_str());
  row("rho_diag", fmt(r.rho_diag), "sum|H_ii| / sum|H_ij|: 1 = diagonal Hessian (sign methods' best case)");
  row("diag_frob_share", fmt(r.diag_frob_share), "||diag H||_F^2 / ||H||_F^2");
  row("lambda_max", fmt(r.lambda_max), "");
  row("lambda_min", fmt(r.lambda_min), r.psd ? "(H is positive semidefinite)" : "(H is indefinite)");
  row("lambda_mean", fmt(r.lambda_mean), "tr(H)/d");
  row("ratio_max_mean", fmt(r.ratio_max_mean), "lambda_max / lambda_mean, in [1, d]: large favours sign methods");
  std::string linf;
  if (r.linf.exact) {
    linf = fmt(*r.linf.exact);
  } else {
    linf.append(1, '[').append(fmt(r.linf.lower.value)).append(", ").append(fmt(r.linf.upper.value)).append(1, ']');
  }
  row("L_inf", linf, "||H||_{inf->1}");
  std::printf("  %-20s %s\n", "", r.linf.method.c_str());
  row("L_2", fmt(r.l2_smooth), "||H||_2");
  row("grad_l1", fmt(r.grad.l1), "");
  row("grad_l2", fmt(r.grad.l2), "");
  row("grad_l1/l2", fmt(r.grad.l1_l2_ratio), ("in [1, sqrt(d)], sqrt(d) = " + fmt(r.grad.sqrt_d)).c_str());
  row("density", fmt(r.grad.density), "||g||_1^2 / (d ||g||_2^2): 1 = dense gradient");
  row("progress_ratio", fmt(r.progress_ratio), "R = density*d*L_2/L_inf: R > 1 means the sign step wins here");
  if (!r.linf.exact)
    std::printf("  %-20s certified R in [%s, %s]\n", "", fmt(r.progress_ratio_lower).c_str(),
                fmt(r.progress_ratio_upper).c_str());
}

}  // namespace

int geometry_command(int argc, char** argv) {
  try {
    Args args("geometry", argc, argv, 2, {{"problem"}, {"at"}, {"json", false}});
    const std::string spec = args.require("problem");
    const auto at = args.numbers("at");
    const ProblemShape shape = describe_problem(spec);  // --at is checked before the problem is built
    if (at && static_cast<int>(at->size()) != shape.dim)
      throw UsageError("geometry: --at has " + std::to_string(at->size()) + " coordinates, the problem has d = " +
                       std::to_string(shape.dim));
    const auto problem = make_problem(spec);
    const std::vector<double> x = at ? *at : problem->default_start();
    const geometry::GeometryReport r = geometry::compute_geometry(*problem, x);
    if (args.has("json")) {
      std::printf("%s\n", to_json(r).dump().c_str());
    } else {
      print_table(r);
    }
    return std::fflush(stdout) == 0 ? 0 : 2;
  } catch (...) {
    return report_failure("geometry", "computing the geometry");
  }
}

}  // namespace signlab::cli

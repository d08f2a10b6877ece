// signlab landscape: the loss on a grid, as a colour-mapped PNG (log-scaled, like the GUI) and a CSV.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "app/cli/args.hpp"
#include "core/spec/quote.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/failure.hpp"
#include "app/cli/preflight.hpp"
#include "core/io/png.hpp"
#include "core/landscape/colormap.hpp"
#include "core/landscape/grid.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab::cli {
namespace {

// "x0:x1,y0:y1"
Box parse_range(const std::string& text) {
  double v[4];
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lf:%lf,%lf:%lf%c", &v[0], &v[1], &v[2], &v[3], &tail) != 4)
    throw UsageError("landscape: --range " + quote_input(text) + " is not x0:x1,y0:y1");
  Box b{v[0], v[1], v[2], v[3]};
  if (!(b.x1 > b.x0) || !(b.y1 > b.y0))
    throw UsageError("landscape: --range " + quote_input(text) + " is empty (need x0 < x1 and y0 < y1)");
  return b;
}

}  // namespace

int landscape_command(int argc, char** argv) {
  try {
    Args args("landscape", argc, argv, 2, {{"problem"}, {"grid"}, {"range"}, {"png"}, {"csv"}});
    // Every argument first; the problem is built once they all passed.
    const std::string spec = args.require("problem");
    const int n = static_cast<int>(args.integer("grid", 256, 2, 4096));
    const std::string png = args.require("png");
    const ProblemShape shape = describe_problem(spec);
    if (shape.dim != 2)
      throw UsageError("landscape: the problem has d=" + std::to_string(shape.dim) + "; landscapes need d=2");
    const std::optional<Box> range = args.has("range") ? std::optional<Box>(parse_range(*args.get("range"))) : std::nullopt;
    check_writable("landscape", "png", png);
    if (auto path = args.get("csv")) check_writable("landscape", "csv", *path);

    const auto problem = make_problem(spec);
    const Box box = range ? *range : problem->default_view();
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> csv(nullptr, std::fclose);
    if (auto path = args.get("csv")) {
      csv.reset(std::fopen(path->c_str(), "w"));
      if (!csv) throw UsageError("landscape: cannot write --csv " + quote_input(*path) + ": " + std::strerror(errno));
    }

    const LandscapeGrid g = compute_grid(*problem, box, n, n);
    const LossScale scale = make_loss_scale(g.fmin, g.fmax);
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(n) * n * 3);
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i) {
        const Rgb8 c = colormap_rgb(scale.t(g.at(i, j)));
        // PNG rows run top to bottom; grid row 0 is the lowest y.
        std::uint8_t* px = &rgb[(static_cast<std::size_t>(n - 1 - j) * n + i) * 3];
        px[0] = c.r;
        px[1] = c.g;
        px[2] = c.b;
      }
    std::string error;
    if (!write_png_rgb(png, n, n, rgb, &error)) throw UsageError("landscape: " + error);
    if (csv) {
      std::fputs("x,y,loss\n", csv.get());
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
          std::fprintf(csv.get(), "%.17g,%.17g,%.9g\n", box.x0 + (box.x1 - box.x0) * i / (n - 1),
                       box.y0 + (box.y1 - box.y0) * j / (n - 1), g.at(i, j));
      if (std::fflush(csv.get()) != 0) throw UsageError("landscape: error writing --csv");
    }
    return 0;
  } catch (...) {
    return report_failure("landscape", "computing the landscape");
  }
}

}  // namespace signlab::cli

// signlab shot: renders the GUI offscreen (a real GL context, e.g. under Xvfb) and saves a PNG.
#include <cstdio>
#include <stdexcept>
#include <string>

#include "app/cli/args.hpp"
#include "core/spec/quote.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/failure.hpp"
#include "app/cli/preflight.hpp"
#include "app/gui/gui_app.hpp"
#include "core/optim/optimizer_registry.hpp"
#include "core/problems/noise_spec.hpp"
#include "core/problems/problem_registry.hpp"

namespace signlab::cli {

int shot_command(int argc, char** argv) {
  try {
    Args args("shot", argc, argv, 2,
              {{"scenario"}, {"problem"}, {"opt", true, true}, {"frames"}, {"size"}, {"png"}, {"warmup"},
               {"runs"}, {"stats", false}, {"layout"}, {"tab"}, {"sweep"}, {"vary", true, true}, {"sweep-steps"},
               {"noise"}, {"seed"}, {"curves-x"}});
    gui::GuiOptions o;
    o.scenario = load_scenario(args.get("scenario").value_or("default"));
    if (auto p = args.get("problem")) {
      o.scenario.problem = *p;
      o.scenario.start.reset();
    }
    if (!args.all("opt").empty()) o.scenario.optimizers = args.all("opt");
    if (auto noise = args.get("noise")) o.scenario.noise = *noise;
    if (args.has("seed")) o.scenario.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 62));
    // --runs N: N runs cycling through the registry (the benchmark's "8 live runs").
    // Only optimizers that can run on the problem (matrix methods need matrix parameters).
    if (args.has("runs")) {
      const auto n = args.integer("runs", 8, 1, kMaxRaceRuns);
      const ProblemShape shape = describe_problem(o.scenario.problem);
      const NoiseModel noise = o.scenario.noise.empty() ? NoiseModel::none() : parse_noise_spec(o.scenario.noise);
      std::vector<std::string> names;
      for (const auto& name : optimizer_names()) {
        try {
          require_runs_on(resolve_optimizer(name), shape, noise);
          names.push_back(name);
        } catch (const std::invalid_argument&) {
        }
      }
      o.scenario.optimizers.clear();
      for (long long i = 0; i < n; ++i) o.scenario.optimizers.push_back(names[i % names.size()]);
    }
    if (o.scenario.optimizers.size() > static_cast<std::size_t>(kMaxRaceRuns))
      throw UsageError("shot: " + std::to_string(o.scenario.optimizers.size()) + " runs, more than the " +
                       std::to_string(kMaxRaceRuns) + " a race holds");
    o.frames = static_cast<int>(args.integer("frames", 30, 1, 100000));
    o.warmup_steps = args.integer("warmup", 1500, 0, 1'000'000'000);
    o.png = args.require("png");
    o.stats = args.has("stats");
    o.layout_json = args.get("layout");
    if (auto tab = args.get("tab")) {
      if (*tab == "curves") o.bottom_tab = 0;
      else if (*tab == "geometry") o.bottom_tab = 1;
      else if (*tab == "sweep") o.bottom_tab = 2;
      else throw UsageError("shot: --tab " + quote_input(*tab) + " (allowed: curves, geometry, sweep)");
    }
    if (auto axis = args.get("curves-x")) {
      if (curves_axis_index(*axis) < 0)
        throw UsageError("shot: --curves-x '" + *axis + "' (allowed: step, evals, time)");
      o.scenario.curves_x = *axis;
    }
    // --sweep SPEC --vary NAME=LO:HI:lin|log:N [--vary ...] [--sweep-steps N]: a sweep shown in the Sweep tab.
    if (auto spec = args.get("sweep")) {
      cmd::StartSweep sweep{*spec, {}, args.integer("sweep-steps", 1000, 1, 10'000'000)};
      for (const auto& v : args.all("vary")) sweep.axes.push_back(parse_sweep_axis(v));
      if (sweep.axes.empty() || sweep.axes.size() > 2) throw UsageError("shot: --sweep needs one or two --vary");
      o.sweep = sweep;
    } else if (!args.all("vary").empty()) {
      throw UsageError("shot: --vary needs --sweep SPEC");
    }
    if (auto size = args.get("size")) {
      int w = 0, h = 0;
      char tail = 0;
      if (std::sscanf(size->c_str(), "%dx%d%c", &w, &h, &tail) != 2 || w < 320 || h < 200 || w > 8192 || h > 8192)
        throw UsageError("shot: --size " + quote_input(*size) + " is not WxH with 320 <= W <= 8192, 200 <= H <= 8192");
      o.width = w;
      o.height = h;
    }
    // Everything is checked before the window opens and the problem is built.
    check_race("shot", o.scenario.problem, o.scenario.optimizers, o.scenario.noise, o.scenario.start);
    if (o.sweep) resolve_optimizer(o.sweep->optimizer_spec);  // the Sweep tab's SPEC, too
    check_writable("shot", "png", *o.png);
    if (o.layout_json) check_writable("shot", "layout", *o.layout_json);
    return gui::run_gui(o);
  } catch (...) {
    return report_failure("shot", "rendering");
  }
}

}  // namespace signlab::cli

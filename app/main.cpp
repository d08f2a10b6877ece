// signlab: the GUI by default, headless subcommands for scripts (DESIGN.md, "The CLI").
#include <cstdio>
#include <cstring>
#include <string>

#include "app/cli/args.hpp"
#include "core/spec/quote.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/failure.hpp"
#include "app/gui/gui_app.hpp"
#include "core/io/scenario.hpp"
#include "core/kernels/kernels.hpp"

namespace {

const char* kUsage =
    "usage:\n"
    "  signlab [--scenario NAME|last|FILE.json] [--size WxH]   open the GUI (default: Rosenbrock race;\n"
    "              last: the session saved when the GUI last ran; NAME: a demo, listed below)\n"
    "  signlab run --problem SPEC --opt SPEC [--opt SPEC ...] --steps N [--seed S] [--every K]\n"
    "              [--start x1,x2,...] [--noise none|gauss:sigma=S|student:sigma=S,nu=V] --csv FILE|-\n"
    "  signlab sweep --problem SPEC --opt SPEC --vary NAME=LO:HI:lin|log:COUNT [--vary ...] --steps N\n"
    "              [--seed S] [--start x1,x2,...] [--noise ...] [--threads T] --csv FILE|-\n"
    "  signlab geometry --problem SPEC [--at x1,x2,...] [--json]\n"
    "  signlab landscape --problem SPEC [--grid N] [--range x0:x1,y0:y1] --png FILE [--csv FILE]\n"
    "  signlab shot [--scenario NAME] [--problem SPEC] [--opt SPEC ...] [--frames N] [--size WxH]\n"
    "               [--warmup STEPS] [--runs N] [--stats] [--layout FILE.json] [--tab curves|geometry|sweep]\n"
    "               [--sweep SPEC --vary NAME=LO:HI:lin|log:N [--vary ...] [--sweep-steps N]]\n"
    "               [--noise SPEC] [--seed S] [--curves-x step|evals|time] --png FILE\n"
    "  signlab --version | --help\n"
    "SPEC is name or name:key=value,...  e.g. rosenbrock, quadratic:cond=100,angle=30, lion:lr=1e-3\n";

int gui_main(int argc, char** argv) {
  using namespace signlab;
  try {
    cli::Args args("signlab", argc, argv, 1, {{"scenario"}, {"size"}});
    gui::GuiOptions o;
    o.scenario = load_scenario(args.get("scenario").value_or("default"));
    if (auto size = args.get("size")) {
      char tail = 0;
      if (std::sscanf(size->c_str(), "%dx%d%c", &o.width, &o.height, &tail) != 2 || o.width < 320 || o.height < 200)
        throw cli::UsageError("signlab: --size " + signlab::quote_input(*size) + " is not WxH (at least 320x200)");
    }
    return gui::run_gui(o);
  } catch (...) {
    return signlab::cli::report_failure("signlab", "running the GUI");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string sub = argc > 1 ? argv[1] : "";
  if (sub == "run") return signlab::cli::run_command(argc, argv);
  if (sub == "landscape") return signlab::cli::landscape_command(argc, argv);
  if (sub == "geometry") return signlab::cli::geometry_command(argc, argv);
  if (sub == "sweep") return signlab::cli::sweep_command(argc, argv);
  if (sub == "shot") return signlab::cli::shot_command(argc, argv);
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::fputs(kUsage, stdout);
    std::fputs("demos:", stdout);
    for (const auto& d : signlab::builtin_scenarios()) std::printf("\n  %-20s %s", d.name.c_str(), d.title.c_str());
    std::fputs("\n", stdout);
    return 0;
  }
  if (sub == "--version") {
    std::printf("signlab 0.1.0 (ImGui 1.86, OpenGL 3.3 core; SIMD kernels: Highway, dispatched to %s)\n",
                signlab::kernels::target_name().c_str());
    return 0;
  }
  if (!sub.empty() && sub.rfind("--", 0) != 0) {
    std::fprintf(stderr, "signlab: unknown command %s (commands: run, sweep, geometry, landscape, shot; or no command for the GUI)\n",
                 signlab::quote_input(sub).c_str());
    return 2;
  }
  return gui_main(argc, argv);
}

// The autosaved session (ui::session_of) keeps what the window shows, the Curves' x axis among it, so a
// reopened session comes back on the same axis.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "app/ui/session_of.hpp"

namespace signlab::ui {
namespace {

Snapshot two_runs() {
  Snapshot s;
  s.problem_spec = "quadratic:d=5";
  s.noise_spec = "gauss:sigma=0.5";
  s.seed = 9;
  s.steps_per_s = 300;
  s.start = std::make_shared<const std::vector<double>>(std::vector<double>{1, 2, 3, 4, 5});
  RunView a, b;
  a.spec = "signsgd:lr=0.01";
  a.step = 120;
  b.spec = "ssvr:lr=0.01";
  b.step = 80;
  s.runs = {a, b};
  return s;
}

TEST(SessionOf, KeepsTheCurvesAxisAndTheRace) {
  const Snapshot s = two_runs();
  UiState ui;
  for (int axis = 0; axis < 3; ++axis) {
    ui.curves_x = axis;
    EXPECT_EQ(session_of(s, ui).curves_x, kCurvesAxes[axis]);
  }
  ui.curves_x = 1;
  const Scenario sc = session_of(s, ui);
  EXPECT_EQ(sc.problem, "quadratic:d=5");
  EXPECT_EQ(sc.optimizers, (std::vector<std::string>{"signsgd:lr=0.01", "ssvr:lr=0.01"}));
  EXPECT_EQ(sc.steps, 120);
  EXPECT_EQ(sc.noise, "gauss:sigma=0.5");
  EXPECT_EQ(sc.seed, 9u);

  // Written and read back as the autosave and `--scenario last` do: still on evaluations.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("signlab-session-of-" + std::to_string(::getpid()) + ".json")).string();
  std::string error;
  ASSERT_TRUE(save_scenario(sc, path, &error)) << error;
  const Scenario back = load_scenario(path);
  std::remove(path.c_str());
  EXPECT_EQ(back.curves_x, "evals");
  EXPECT_EQ(curves_axis_index(back.curves_x), 1);
}

}  // namespace
}  // namespace signlab::ui

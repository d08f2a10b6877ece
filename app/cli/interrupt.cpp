#include "app/cli/interrupt.hpp"

#include <csignal>

namespace signlab::cli {
namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void signlab_on_sigint(int) { g_interrupted.store(true); }
}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted = false;
  previous_ = std::signal(SIGINT, signlab_on_sigint);
}

InterruptGuard::~InterruptGuard() { std::signal(SIGINT, previous_); }

const std::atomic<bool>& InterruptGuard::flag() const { return g_interrupted; }

}  // namespace signlab::cli

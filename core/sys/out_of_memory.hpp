#pragma once
// std::bad_alloc says nothing of what was being allocated. Code that knows (a sweep point, a run being
// created or stepped) rethrows it as OutOfMemory with that in the message, and the CLI prints the one line.
#include <stdexcept>

namespace signlab::sys {

struct OutOfMemory : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace signlab::sys

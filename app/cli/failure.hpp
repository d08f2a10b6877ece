#pragma once
// How a CLI command ends on an exception: one line on stderr and the documented exit status.
//   2: bad input (UsageError, SpecError, std::invalid_argument, a file that cannot be read or written)
//   1: the machine ran out (memory: std::bad_alloc / OutOfMemory, said with what was being done)
#include <string>

namespace signlab::cli {

inline constexpr int kExitBadInput = 2;
inline constexpr int kExitOutOfResources = 1;
inline constexpr int kExitInterrupted = 130;

// Call from a catch block: prints the current exception as one line and returns the exit status.
// `doing` says what was under way ("building problem separable:d=100000000") for a bare std::bad_alloc.
int report_failure(const std::string& command, const std::string& doing);

}  // namespace signlab::cli

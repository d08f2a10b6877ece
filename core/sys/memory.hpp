#pragma once
// How much memory the machine can still give this process, for refusing sizes that cannot fit before
// anything is allocated (a d = 10⁸ race of several runs wants gigabytes).
#include <optional>
#include <string>

namespace signlab::sys {

struct AvailableMemory {
  double bytes = 0;
  std::string source;  // "MemAvailable" or "cgroup memory.max"
};

// The smaller of /proc/meminfo's MemAvailable and the cgroup (v2) limit left, if either is known.
std::optional<AvailableMemory> available_memory();

}  // namespace signlab::sys

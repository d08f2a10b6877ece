#include "core/sys/memory.hpp"

#include <fstream>
#include <sstream>
#include <string>

namespace signlab::sys {
namespace {

std::optional<double> meminfo_available() {
  std::ifstream in("/proc/meminfo");  // a kernel file of a few lines: no user input
  std::string key;
  double kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024.0;
  return std::nullopt;
}

std::optional<double> read_number(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    return std::stod(text);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<AvailableMemory> available_memory() {
  std::optional<AvailableMemory> out;
  if (auto m = meminfo_available()) out = AvailableMemory{*m, "MemAvailable"};
  const auto max = read_number("/sys/fs/cgroup/memory.max");
  const auto current = read_number("/sys/fs/cgroup/memory.current");
  if (max && current && (!out || *max - *current < out->bytes))
    out = AvailableMemory{*max > *current ? *max - *current : 0.0, "cgroup memory.max"};
  return out;
}

}  // namespace signlab::sys

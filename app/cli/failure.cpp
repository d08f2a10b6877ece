#include "app/cli/failure.hpp"

#include <cstdio>
#include <exception>
#include <new>

#include "core/sys/out_of_memory.hpp"

namespace signlab::cli {

int report_failure(const std::string& command, const std::string& doing) {
  try {
    throw;
  } catch (const sys::OutOfMemory& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitOutOfResources;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: out of memory while %s\n", command.c_str(), doing.c_str());
    return kExitOutOfResources;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitBadInput;
  } catch (...) {
    std::fprintf(stderr, "%s: failed while %s\n", command.c_str(), doing.c_str());
    return kExitBadInput;
  }
}

}  // namespace signlab::cli

#pragma once
// Progress of a long CLI command on stderr: what is under way ("building the noise: 120000/10000000
// components", "stepping adam: step 12/100"), about once a second, and only once the command has run
// for a second (quick commands print nothing). A ticker thread prints, so a phase that cannot report
// (building a d = 10⁸ problem) still shows it is alive; the work only sets the status.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace signlab::cli {

class ProgressTicker {
 public:
  explicit ProgressTicker(std::string command);
  ~ProgressTicker();  // stops the ticker
  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;

  // What is under way; done/total (total > 0) is shown as "done/total unit".
  void set(const std::string& phase, std::int64_t done = 0, std::int64_t total = 0, const char* unit = "");
  void update(std::int64_t done);  // the count of the current phase
  void quiet();                    // nothing under way that the ticker should show (another report does)

 private:
  void loop();

  std::string command_;
  std::chrono::steady_clock::time_point t0_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::string phase_;
  const char* unit_ = "";
  std::int64_t total_ = 0;
  std::atomic<std::int64_t> done_{0};
  std::thread thread_;  // may be empty when the system refused a thread: then nothing is printed
};

}  // namespace signlab::cli

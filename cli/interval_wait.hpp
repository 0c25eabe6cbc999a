#pragma once
// Waiting between samples so that Ctrl-C ends the wait at once (for --watch and --interval).

#include <chrono>

namespace mesh::cli {

/// Installs a SIGINT handler for its lifetime; `interrupted()` reports whether Ctrl-C was pressed.
class InterruptGuard {
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
    /// True once SIGINT arrived.
    static bool interrupted();
};

/// Sleeps for `duration` or until interrupted; false when interrupted.
bool wait_for(std::chrono::milliseconds duration);

}  // namespace mesh::cli

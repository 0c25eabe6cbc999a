#pragma once
// Waiting between samples so that Ctrl-C ends the wait at once (for --watch and --interval).

#include <chrono>
#include <string>

#include "cli/io.hpp"

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

/// wait_for, showing on a terminal's stderr one line `<what> <N>s`, counted down each second and
/// erased at the end, so a wait is never a blank screen; prints nothing when stderr is not a terminal.
bool wait_with_countdown(Io& io, std::chrono::milliseconds duration, const std::string& what);

}  // namespace mesh::cli

#pragma once
// Whether a process the test started (through mesh) is gone.

#include <sys/types.h>

namespace mesh::testing {

/// True when `pid` no longer runs: no /proc entry, or a zombie waiting for its reaper.
bool process_ended(pid_t pid);

}  // namespace mesh::testing

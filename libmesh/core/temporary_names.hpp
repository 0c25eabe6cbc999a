#pragma once
// The temporary files mesh creates beside the files it writes carry the writer's process id, so
// that what a killed process (SIGKILL, a power cut) left behind can be recognised and removed.

#include <string>
#include <string_view>

namespace mesh::core {

/// `DIR/.mesh-PID-TAG`: a temporary file of this process in `dir` (a TAG ending in XXXXXX makes it
/// a mkstemp template).
std::string temporary_name(const std::string& dir, std::string_view tag);

/// Removes from `dir` the temporary files of mesh processes that no longer run: regular files
/// named `.mesh-PID-*`, owned by this user, whose process is gone and which were last written
/// over a minute ago (a process in another PID namespace may still be writing a newer one).
void remove_stale_temporaries(const std::string& dir);

}  // namespace mesh::core

#pragma once
// Rewriting several files as one change: every file ends up old or every file new, whatever
// fails or whoever interrupts, and each keeps its owner, group and mode.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

#include "libmesh/core/error.hpp"

namespace mesh::core {

/// New contents for a set of existing files, put in place together. stage() writes and syncs
/// each new content beside its file, unnamed (O_TMPFILE) where the filesystem allows, so an
/// interruption, even SIGKILL, leaves nothing behind; commit() then names and renames them all
/// with SIGINT, SIGTERM, SIGHUP and SIGQUIT held off, and syncs the directories. What a SIGKILL
/// during commit() leaves (a named `.mesh-PID-*` file) the next writer in that directory removes.
class FileSetWriter {
public:
    FileSetWriter() = default;
    /// Discards whatever was staged and not committed.
    ~FileSetWriter();
    FileSetWriter(const FileSetWriter&) = delete;
    FileSetWriter& operator=(const FileSetWriter&) = delete;

    /// Checks `path` can be replaced and writes `content` beside it. A symlink is written through
    /// to its target; a file with several hard links, or anything but a regular file, is refused.
    /// The new file gets the old one's mode, owner and group (setuid and setgid are dropped when
    /// the owner cannot be kept).
    Result<void> stage(const std::string& path, std::string_view content);
    /// Puts every staged file in place. If a rename fails, the error names the files already
    /// rewritten and those left as they were.
    Result<void> commit();

private:
    struct Staged {
        std::string path;    ///< as given, for messages
        std::string target;  ///< the file replaced (a symlink's target)
        std::string dir;
        int fd = -1;        ///< the unnamed file, or -1
        std::string named;  ///< a named temporary file where O_TMPFILE is not available
    };
    std::vector<Staged> m_staged;
    std::set<std::string> m_swept_dirs;  ///< where stale temporary files were looked for
    bool m_holding_signals = false;
    sigset_t m_old_mask{};

    void hold_signals();
    void release_signals();
    void discard();
};

}  // namespace mesh::core

#include "libmesh/core/new_file.hpp"
#include "libmesh/core/posix_io.hpp"
#include "libmesh/core/temporary_names.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace mesh::core {

Result<void> create_file_exclusively(const std::string& path, std::string_view content, mode_t mode, bool replace) {
    struct stat st {};
    if (!replace && ::lstat(path.c_str(), &st) == 0)
        return fail(ErrorCode::Io, fmt::format("{} already exists; remove it or pass --force to replace it", path));
    std::string dir = directory_of(path);
    remove_stale_temporaries(dir);
    // Unnamed until it is complete: an interruption leaves nothing behind.
    int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    std::string named;  // only where the filesystem has no O_TMPFILE
    if (fd < 0) {
        named = temporary_name(dir, "new-XXXXXX");
        fd = ::mkostemp(named.data(), O_CLOEXEC);
        if (fd < 0) return tl::unexpected(errno_error("cannot create a file beside", path, errno));
    }
    auto abandon = [&](const char* what, int error) {
        ::close(fd);
        if (!named.empty()) ::unlink(named.c_str());
        return tl::unexpected(errno_error(what, path, error));
    };
    if (::fchmod(fd, mode) != 0) return abandon("cannot set the mode of", errno);
    if (!write_all(fd, content)) return abandon("cannot write", errno);
    if (::fsync(fd) != 0) return abandon("cannot sync", errno);
    // A name for the complete file: the final one when it must be new (link fails if anything has
    // the name, and never follows a symlink there), else a temporary one renamed over it.
    std::string proc = fmt::format("/proc/self/fd/{}", fd);
    std::string staged = replace ? temporary_name(dir, "new") : path;
    if (named.empty()) {
        if (replace) ::unlink(staged.c_str());
        if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, staged.c_str(), AT_SYMLINK_FOLLOW) != 0) {
            int error = errno;
            if (error == EEXIST) {
                ::close(fd);
                return fail(ErrorCode::Io,
                            fmt::format("{} already exists; remove it or pass --force to replace it", path));
            }
            return abandon("cannot create", error);
        }
    } else if (!replace) {
        if (::link(named.c_str(), path.c_str()) != 0) {
            int error = errno;
            if (error == EEXIST) {
                ::close(fd);
                ::unlink(named.c_str());
                return fail(ErrorCode::Io,
                            fmt::format("{} already exists; remove it or pass --force to replace it", path));
            }
            return abandon("cannot create", error);
        }
        ::unlink(named.c_str());
    } else {
        staged = named;
    }
    ::close(fd);
    if (replace && ::rename(staged.c_str(), path.c_str()) != 0) {
        int error = errno;
        ::unlink(staged.c_str());
        return tl::unexpected(errno_error("cannot replace", path, error));
    }
    return {};
}

}  // namespace mesh::core

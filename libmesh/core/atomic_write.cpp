#include "libmesh/core/atomic_write.hpp"
#include "libmesh/core/posix_io.hpp"
#include "libmesh/core/temporary_names.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace mesh::core {

static Error errno_error(const std::string& what, const std::string& path) {
    return Error{
        ErrorCode::Io, fmt::format("{} {}: {}", what, path, std::strerror(errno)), SourceLocation{path, 0, 0}, {}};
}

Result<void> write_file_atomically(const std::string& path, std::string_view content) {
    mode_t mode = 0644;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;

    std::string dir = directory_of(path);
    remove_stale_temporaries(dir);
    std::string tmp = temporary_name(dir, "XXXXXX");
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) return tl::unexpected(errno_error("cannot create a temporary file beside", path));

    auto abandon = [&](const char* what) {
        Error e = errno_error(what, path);
        ::close(fd);
        ::unlink(tmp.c_str());
        return tl::unexpected(e);
    };
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return abandon("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, mode) != 0) return abandon("cannot set the mode of");
    if (::fsync(fd) != 0) return abandon("cannot sync");
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return tl::unexpected(errno_error("cannot close", path));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        Error e = errno_error("cannot replace", path);
        ::unlink(tmp.c_str());
        return tl::unexpected(e);
    }
    return {};
}

}  // namespace mesh::core

#include "libmesh/core/posix_io.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include <fmt/format.h>

namespace mesh::core {

std::string directory_of(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

bool write_all(int fd, std::string_view content) {
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        written += static_cast<std::size_t>(n);
    }
    return true;
}

Error errno_error(const std::string& what, const std::string& path, int error) {
    return Error{
        ErrorCode::Io, fmt::format("{} {}: {}", what, path, std::strerror(error)), SourceLocation{path, 0, 0}, {}};
}

}  // namespace mesh::core

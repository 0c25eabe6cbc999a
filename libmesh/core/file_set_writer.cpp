#include "libmesh/core/file_set_writer.hpp"
#include "libmesh/core/posix_io.hpp"
#include "libmesh/core/temporary_names.hpp"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace mesh::core {

namespace {

const char* file_type(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// Unnamed files stay open until commit; keep well inside the descriptor limit.
bool descriptors_left(std::size_t open) {
    static const rlim_t limit = [] {
        rlimit r{};
        if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return rlim_t{1024};
        if (r.rlim_cur < r.rlim_max) {
            r.rlim_cur = r.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &r);
            ::getrlimit(RLIMIT_NOFILE, &r);
        }
        return r.rlim_cur;
    }();
    return open + 64 < limit;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out.empty() ? "none" : out;
}

}  // namespace

FileSetWriter::~FileSetWriter() {
    discard();
    release_signals();
}

void FileSetWriter::hold_signals() {
    if (m_holding_signals) return;
    sigset_t held;
    sigemptyset(&held);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&held, sig);
    ::pthread_sigmask(SIG_BLOCK, &held, &m_old_mask);
    m_holding_signals = true;
}

void FileSetWriter::release_signals() {
    if (!m_holding_signals) return;
    m_holding_signals = false;
    ::pthread_sigmask(SIG_SETMASK, &m_old_mask, nullptr);  // a signal that came meanwhile acts now
}

void FileSetWriter::discard() {
    for (auto& s : m_staged) {
        if (s.fd >= 0) ::close(s.fd);
        if (!s.named.empty()) ::unlink(s.named.c_str());
    }
    m_staged.clear();
}

Result<void> FileSetWriter::stage(const std::string& path, std::string_view content) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return tl::unexpected(errno_error("cannot read", path, errno));
    Staged staged{path, path, {}, -1, {}};
    if (S_ISLNK(st.st_mode)) {
        char* resolved = ::realpath(path.c_str(), nullptr);
        if (!resolved) return tl::unexpected(errno_error("cannot resolve the symlink", path, errno));
        staged.target = resolved;
        std::free(resolved);
        if (::stat(staged.target.c_str(), &st) != 0) return tl::unexpected(errno_error("cannot read", path, errno));
    }
    if (!S_ISREG(st.st_mode))
        return fail(ErrorCode::Io,
                    fmt::format("{} is {}; only regular files are rewritten in place", path, file_type(st.st_mode)));
    if (st.st_nlink > 1)
        return fail(
            ErrorCode::Io,
            fmt::format("{} has {} hard links; rewriting it would part them, so it is left alone", path, st.st_nlink));
    staged.dir = directory_of(staged.target);
    if (m_swept_dirs.insert(staged.dir).second) remove_stale_temporaries(staged.dir);
    mode_t mode = st.st_mode & 07777;
    if (descriptors_left(m_staged.size()))
        staged.fd = ::open(staged.dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (staged.fd < 0) {
        // No O_TMPFILE here (or too many files): a named temporary file, with signals held from
        // now on so an interruption cannot leave it behind. A short name: `path` may be 255 bytes.
        hold_signals();
        staged.named = temporary_name(staged.dir, "XXXXXX");
        staged.fd = ::mkostemp(staged.named.data(), O_CLOEXEC);
        if (staged.fd < 0) return tl::unexpected(errno_error("cannot create a file beside", path, errno));
    }
    m_staged.push_back(staged);
    Staged& s = m_staged.back();
    auto failed = [&](const char* what) {
        int error = errno;
        ::close(s.fd);
        if (!s.named.empty()) ::unlink(s.named.c_str());
        m_staged.pop_back();
        return tl::unexpected(errno_error(what, path, error));
    };
    if (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) {
        if (::fchown(s.fd, st.st_uid, st.st_gid) != 0) mode &= ~static_cast<mode_t>(S_ISUID | S_ISGID);
    }
    if (::fchmod(s.fd, mode) != 0) return failed("cannot set the mode of a new");
    if (!write_all(s.fd, content)) return failed("cannot write a new");
    if (::fsync(s.fd) != 0) return failed("cannot sync a new");
    if (!s.named.empty()) {
        if (::close(s.fd) != 0) {
            s.fd = -1;
            return failed("cannot write a new");
        }
        s.fd = -1;
    }
    return {};
}

Result<void> FileSetWriter::commit() {
    hold_signals();
    std::vector<std::string> rewritten;
    std::set<std::string> dirs;
    for (std::size_t i = 0; i < m_staged.size(); ++i) {
        Staged& s = m_staged[i];
        int error = 0;
        if (s.named.empty()) {
            // Give the unnamed file a short name, then rename it over the target.
            std::string proc = fmt::format("/proc/self/fd/{}", s.fd);
            for (int attempt = 0; attempt < 100; ++attempt) {
                std::string name = temporary_name(s.dir, fmt::format("{}-{}", i, attempt));
                if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
                    s.named = name;
                    break;
                }
                if (errno != EEXIST) {
                    error = errno;
                    break;
                }
            }
            if (s.named.empty() && error == 0) error = EEXIST;
            ::close(s.fd);
            s.fd = -1;
        }
        if (error == 0 && ::rename(s.named.c_str(), s.target.c_str()) != 0) error = errno;
        if (error != 0) {
            std::string failed_path = s.path;
            std::vector<std::string> left;
            for (std::size_t k = i; k < m_staged.size(); ++k) left.push_back(m_staged[k].path);
            m_staged.erase(m_staged.begin(), m_staged.begin() + static_cast<std::ptrdiff_t>(i));
            discard();
            release_signals();
            return fail(ErrorCode::Io,
                        fmt::format("cannot replace {}: {}; already rewritten: {}; left as they were: {}", failed_path,
                                    std::strerror(error), join(rewritten), join(left)));
        }
        s.named.clear();
        rewritten.push_back(s.path);
        dirs.insert(s.dir);
    }
    m_staged.clear();
    for (const auto& dir : dirs) {  // the renames themselves survive a power cut
        int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    release_signals();
    return {};
}

}  // namespace mesh::core

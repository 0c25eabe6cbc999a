#include "libmesh/core/temporary_names.hpp"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace mesh::core {

namespace {

constexpr std::string_view k_prefix = ".mesh-";
constexpr time_t k_min_age_seconds = 60;

// The writer's process id in `.mesh-PID-...`, or 0 when the name is not of that form.
pid_t writer_of(std::string_view name) {
    if (name.substr(0, k_prefix.size()) != k_prefix) return 0;
    name.remove_prefix(k_prefix.size());
    pid_t pid = 0;
    std::size_t digits = 0;
    while (digits < name.size() && digits < 9 && name[digits] >= '0' && name[digits] <= '9')
        pid = pid * 10 + (name[digits++] - '0');
    if (digits == 0 || digits >= name.size() || name[digits] != '-') return 0;
    return pid;
}

bool still_running(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

}  // namespace

std::string temporary_name(const std::string& dir, std::string_view tag) {
    return fmt::format("{}/{}{}-{}", dir, k_prefix, ::getpid(), tag);
}

void remove_stale_temporaries(const std::string& dir) {
    DIR* listing = ::opendir(dir.c_str());
    if (!listing) return;
    const time_t now = ::time(nullptr);
    while (const dirent* entry = ::readdir(listing)) {
        pid_t pid = writer_of(entry->d_name);
        if (pid <= 0 || pid == ::getpid() || still_running(pid)) continue;
        struct stat st {};
        if (::fstatat(::dirfd(listing), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid() || st.st_nlink != 1) continue;
        if (now - st.st_mtime < k_min_age_seconds) continue;
        ::unlinkat(::dirfd(listing), entry->d_name, 0);
    }
    ::closedir(listing);
}

}  // namespace mesh::core

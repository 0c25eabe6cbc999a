#include "cli/interval_wait.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <thread>

namespace mesh::cli {

namespace {
// Atomic, not volatile sig_atomic_t: threads other than the one the handler runs on read it (the
// workload listing's); lock-free, so the handler may write it.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
struct sigaction g_previous {};
void on_sigint(int) { g_interrupted = true; }
}  // namespace

InterruptGuard::InterruptGuard() {
    g_interrupted = false;
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &g_previous);
}

// The flag is cleared on the way out too: a thread started before the next guard (the workload
// listing, during discovery) must not see this command's Ctrl-C (in-process tests run many).
InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &g_previous, nullptr);
    g_interrupted = false;
}

bool InterruptGuard::interrupted() { return g_interrupted.load(); }

bool wait_for(std::chrono::milliseconds duration) {
    auto end = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < end) {
        if (InterruptGuard::interrupted()) return false;
        auto left = end - std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(20)));
    }
    return !InterruptGuard::interrupted();
}

bool wait_with_countdown(Io& io, std::chrono::milliseconds duration, const std::string& what) {
    if (!io.err_is_terminal) return wait_for(duration);
    auto end = std::chrono::steady_clock::now() + duration;
    bool completed = true;
    for (auto left = duration; left.count() > 0;
         left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now())) {
        long long seconds = (left.count() + 999) / 1000;  // 4.2 s left reads "5s", as a countdown does
        io.err << '\r' << what << ' ' << seconds << "s\x1b[K" << std::flush;
        auto step = std::min(left, std::chrono::milliseconds(left.count() - (seconds - 1) * 1000));
        if (!wait_for(step)) {
            completed = false;
            break;
        }
    }
    io.err << "\r\x1b[K" << std::flush;
    return completed && !InterruptGuard::interrupted();
}

}  // namespace mesh::cli

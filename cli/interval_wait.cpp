#include "cli/interval_wait.hpp"

#include <atomic>
#include <csignal>
#include <thread>

namespace mesh::cli {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
struct sigaction g_previous {};
void on_sigint(int) { g_interrupted = 1; }
}  // namespace

InterruptGuard::InterruptGuard() {
    g_interrupted = 0;
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &g_previous);
}

InterruptGuard::~InterruptGuard() { sigaction(SIGINT, &g_previous, nullptr); }

bool InterruptGuard::interrupted() { return g_interrupted != 0; }

bool wait_for(std::chrono::milliseconds duration) {
    auto end = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < end) {
        if (InterruptGuard::interrupted()) return false;
        auto left = end - std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(20)));
    }
    return !InterruptGuard::interrupted();
}

}  // namespace mesh::cli

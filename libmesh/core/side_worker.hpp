#pragma once
// A second thread for work that would otherwise stall an event loop (parsing what libcurl
// received while it goes on receiving), with a bound on what may wait for it.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace mesh::core {

/// Runs jobs on one helper thread, started with the first job. While jobs holding
/// `max_waiting_bytes` wait or run there, submit() runs the next one on the caller's thread
/// instead, so the work held (and its memory) stays bounded and both threads work.
class SideWorker {
public:
    explicit SideWorker(std::size_t max_waiting_bytes) : m_max_waiting(max_waiting_bytes) {}
    /// Waits for every job (as finish(), but an exception a job threw is dropped).
    ~SideWorker();
    SideWorker(const SideWorker&) = delete;
    SideWorker& operator=(const SideWorker&) = delete;

    /// Runs `job`, which holds `bytes` of data, on the helper thread or, when too much waits, now.
    void submit(std::function<void()> job, std::size_t bytes);
    /// Waits until every submitted job has run; rethrows the first exception a job threw.
    void finish();

private:
    void run();

    std::size_t m_max_waiting;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::pair<std::function<void()>, std::size_t>> m_jobs;
    std::size_t m_waiting_bytes = 0;
    bool m_closing = false;
    std::exception_ptr m_error;
    std::thread m_thread;
};

}  // namespace mesh::core

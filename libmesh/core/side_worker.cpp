#include "libmesh/core/side_worker.hpp"

namespace mesh::core {

SideWorker::~SideWorker() {
    try {
        finish();
    } catch (...) {
    }
}

void SideWorker::submit(std::function<void()> job, std::size_t bytes) {
    {
        std::lock_guard lock(m_mutex);
        // A job counts until it has run, so the budget bounds what is held, not only what is queued.
        if (m_waiting_bytes == 0 || m_waiting_bytes + bytes <= m_max_waiting) {
            m_jobs.emplace_back(std::move(job), bytes);
            m_waiting_bytes += bytes;
            if (!m_thread.joinable()) m_thread = std::thread([this] { run(); });
            m_changed.notify_one();
            return;
        }
    }
    job();  // enough waits already: this thread helps
}

void SideWorker::finish() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_changed.notify_one();
    }
    if (m_thread.joinable()) m_thread.join();
    std::lock_guard lock(m_mutex);
    m_closing = false;
    if (m_error) std::rethrow_exception(std::exchange(m_error, nullptr));
}

void SideWorker::run() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return !m_jobs.empty() || m_closing; });
        if (m_jobs.empty()) return;  // closing and nothing left
        auto [job, bytes] = std::move(m_jobs.front());
        m_jobs.pop_front();
        lock.unlock();
        try {
            job();
        } catch (...) {
            std::lock_guard error_lock(m_mutex);
            if (!m_error) m_error = std::current_exception();
        }
        lock.lock();
        m_waiting_bytes -= bytes;
    }
}

}  // namespace mesh::core

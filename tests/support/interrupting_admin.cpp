#include "tests/support/interrupting_admin.hpp"

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>

#include "tests/support/loopback_server.hpp"

namespace mesh::testing {

InterruptingAdmin::InterruptingAdmin(int interrupt_at) {
    m_server.Get("/admin/metrics.json", [this, interrupt_at](const httplib::Request&, httplib::Response& res) {
        std::unique_lock lock(m_mutex);
        int tick = m_requests++;
        if (tick >= interrupt_at) {
            ::kill(::getpid(), SIGINT);  // the command's InterruptGuard is installed while it samples
            m_changed.wait_for(lock, std::chrono::seconds(60), [this] { return m_released; });
        }
        res.set_content(m_model.metrics_tree(tick).dump(), "application/json");
    });
    m_port = start_loopback_server(m_server, m_thread);
}

InterruptingAdmin::~InterruptingAdmin() { release(); }

std::string InterruptingAdmin::address() const { return "127.0.0.1:" + std::to_string(m_port); }

void InterruptingAdmin::release() {
    {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }
    stop_loopback_server(m_server, m_thread);
}

int InterruptingAdmin::metrics_requests() {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

}  // namespace mesh::testing

#pragma once
// A Linkerd admin server on loopback that presses Ctrl-C itself: it answers /admin/metrics.json
// with a FakeLinkerd's tree for each tick, and at the chosen request sends this process SIGINT
// and holds that answer until the run has returned, so only the interruption can end the run.

#include <condition_variable>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "tests/support/fake_linkerd.hpp"

namespace mesh::testing {

class InterruptingAdmin {
public:
    /// Presses Ctrl-C at metrics request number `interrupt_at` (from 0) and at every one after.
    explicit InterruptingAdmin(int interrupt_at);
    /// Lets held answers go and stops the server.
    ~InterruptingAdmin();
    InterruptingAdmin(const InterruptingAdmin&) = delete;
    InterruptingAdmin& operator=(const InterruptingAdmin&) = delete;

    /// `127.0.0.1:PORT`.
    std::string address() const;
    /// Lets the held answers go (call once the run under test has returned) and stops the server.
    void release();
    /// Metrics requests received so far.
    int metrics_requests();

private:
    FakeLinkerd m_model;  // only its metrics tree is used
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_requests = 0;
    bool m_released = false;
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace mesh::testing

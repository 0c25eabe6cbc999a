#pragma once
// Starting and stopping a cpp-httplib server on 127.0.0.1 for tests.

#include <chrono>
#include <thread>

#include <httplib.h>

namespace mesh::testing {

/// Binds `server` to an ephemeral loopback port, runs it on `thread` and returns the port once
/// it accepts (stop() before the accept loop runs would be lost in cpp-httplib 0.11).
inline int start_loopback_server(httplib::Server& server, std::thread& thread) {
    int port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([&server] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return port;
}

/// Stops `server` and joins its thread.
inline void stop_loopback_server(httplib::Server& server, std::thread& thread) {
    server.stop();
    if (thread.joinable()) thread.join();
}

}  // namespace mesh::testing

#pragma once
// Rendering `mesh status --by service`: a service → client table, or one JSON document.

#include <string>

#include "libmesh/health/service_traffic.hpp"

namespace mesh::commands {

/// One JSON document: window_s, the latency note, services (each with its clients; null for no
/// data), the proxies that are down, and the proxy summary.
std::string service_traffic_json_text(const health::ServiceTrafficReport& report);

/// One row a service and, indented under it, one a client it sent requests to; then the proxy
/// summary and the proxies that are down, as `mesh status` ends.
std::string service_traffic_text(const health::ServiceTrafficReport& report, bool colour);

}  // namespace mesh::commands

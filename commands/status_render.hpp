#pragma once
// Rendering a status report as a table (plain or wide) or as one JSON document.

#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/health/status_report.hpp"

namespace mesh::commands {

/// One JSON document: proxies (null for no data), summary and the sampling window.
nlohmann::ordered_json status_json(const health::StatusReport& report);

/// The `viz stat`-style table, a summary line and one line (plus hint) per unreachable proxy;
/// `wide` adds per-router and per-client tables.
std::string status_text(const health::StatusReport& report, bool wide, bool colour);

}  // namespace mesh::commands

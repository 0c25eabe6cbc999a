#pragma once
// Rendering a status report as a table (plain or wide) or as one JSON document.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "libmesh/health/status_report.hpp"

namespace mesh::commands {

/// A figure as JSON: the number, or null for no data (as every status document writes them).
nlohmann::ordered_json number_or_null(std::optional<double> value);

/// `{"p50", "p95", "p99", "max"}` in milliseconds, null where unknown.
nlohmann::ordered_json latency_json(const health::Latency& latency);

/// One JSON document, pretty-printed: window_s, proxies (null for no data) and summary. Written one
/// proxy at a time so that a thousand proxies never exist as one in-memory JSON tree.
std::string status_json_text(const health::StatusReport& report);

/// The closing lines of a status: "N proxies: U up, D down; ..." and one entry (reason, hint) per
/// group of proxies down for the same reason.
std::string proxies_summary_text(const health::StatusReport& report, bool colour);

/// The `viz stat`-style table, a summary line and one line (plus hint) per unreachable proxy;
/// `wide` adds per-router and per-client tables.
std::string status_text(const health::StatusReport& report, bool wide, bool colour);

}  // namespace mesh::commands

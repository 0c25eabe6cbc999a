// Both metrics.json forms are read with nlohmann's SAX interface: no DOM is built (a big proxy's
// tree is megabytes), and depth and node limits are enforced while reading.

#include "libmesh/admin/metrics_tree.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <set>
#include <vector>

#include "libmesh/admin/json_scan.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/core/text_position.hpp"

namespace mesh::admin {

using core::ErrorCode;
using nlohmann::json;

const MetricNode* MetricNode::child(std::string_view name) const {
    auto it = children.find(name);
    return it == children.end() ? nullptr : &it->second;
}

const MetricNode* MetricNode::at(std::string_view path) const {
    const MetricNode* node = this;
    while (node && !path.empty()) {
        auto slash = path.find('/');
        node = node->child(path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    }
    return node;
}

std::optional<double> MetricNode::value(std::string_view path) const {
    const MetricNode* node = at(path);
    if (!node) return std::nullopt;
    return node->counter ? node->counter : node->gauge;
}

namespace {

// Sets the stat field named by `suffix` ("p99", "count", ...); false if it is not a stat suffix.
bool set_stat_field(Stat& stat, std::string_view suffix, double v) {
    static const std::array<std::pair<std::string_view, std::optional<double> Stat::*>, 11> k_fields{
        {{"count", &Stat::count},
         {"sum", &Stat::sum},
         {"avg", &Stat::avg},
         {"min", &Stat::min},
         {"max", &Stat::max},
         {"p50", &Stat::p50},
         {"p90", &Stat::p90},
         {"p95", &Stat::p95},
         {"p99", &Stat::p99},
         {"p9990", &Stat::p9990},
         {"p9999", &Stat::p9999}}};
    for (const auto& [name, member] : k_fields) {
        if (name == suffix) {
            stat.*member = v;
            return true;
        }
    }
    return false;
}

core::Error parse_failure(std::string_view json_text, std::size_t offset, const std::string& what) {
    return core::Error{
        ErrorCode::Input, "metrics.json: " + what, core::location_at(json_text, offset, "metrics.json"), {}};
}

// Depth and node budgets and the first error, shared by both parsers below.
class LimitedScan {
public:
    explicit LimitedScan(const MetricsLimits& limits) : m_limits(limits) {}
    std::optional<std::string> m_error;
    ErrorCode m_code = ErrorCode::Input;

protected:
    bool enter() {
        if (++m_depth > m_limits.max_depth)
            return limit(fmt::format("nesting deeper than {}", m_limits.max_depth), ErrorCode::Limit);
        return true;
    }
    bool count_node() {
        if (++m_nodes > m_limits.max_nodes)
            return limit(fmt::format("more than {} values", m_limits.max_nodes), ErrorCode::Limit);
        return true;
    }
    bool limit(std::string message, ErrorCode code = ErrorCode::Input) {
        if (!m_error) {
            m_error = std::move(message);
            m_code = code;
        }
        return false;
    }
    const MetricsLimits& m_limits;
    std::size_t m_depth = 0;
    std::size_t m_nodes = 0;
};

// Common SAX plumbing: syntax error capture; subclasses handle values.
class SaxBase : public nlohmann::json_sax<json>, public LimitedScan {
public:
    explicit SaxBase(const MetricsLimits& limits) : LimitedScan(limits) {}
    std::size_t m_error_offset = 0;
    bool m_syntax = false;

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        if (!m_error) {
            std::string what = ex.what();
            auto bracket = what.find("] ");
            m_error = bracket == std::string::npos ? what : what.substr(bracket + 2);
            m_syntax = true;
            m_error_offset = position == 0 ? 0 : position - 1;
        }
        return false;
    }
    bool binary(binary_t&) override { return true; }
};

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
    for (auto x : set)
        if (s == x) return true;
    return false;
}

// Whether the node at `path` (keys from the root) holds anything extract_proxy_metrics reads
// (a client's per-service scopes only with `client_services`).
bool status_keeps(const std::vector<std::string>& full, bool client_services) {
    std::size_t i = 0, n = full.size();
    if (n == 0) return true;
    if (full[0] == "jvm") {
        if (n == 1) return true;
        if (n == 2) return one_of(full[1], {"uptime", "heap", "fd_count", "fd_limit", "gc", "thread"});
        if (n == 3)
            return (full[1] == "heap" && one_of(full[2], {"used", "max"})) || (full[1] == "gc" && full[2] == "msec") ||
                   (full[1] == "thread" && full[2] == "count");
        return false;
    }
    if (full[0] == "rt") i = 1;  // the whole tree; otherwise a `q=rt` subtree
    std::size_t d = n - i;       // depth below the router map
    if (d <= 1) return true;     // router
    if (!one_of(full[i + 1], {"server", "service", "client"})) return false;
    if (d <= 3) return true;  // scope map, scope id
    std::string_view head = full[i + 3];
    if (full[i + 1] == "client" && head == "service") {
        if (!client_services) return false;
        // A client's per-service traffic: client/<id>/service/<svc>/<metric>.
        if (d <= 5) return true;
        return d == 6 && one_of(full[i + 5], {"requests", "success", "failures", "pending", "request_latency_ms"});
    }
    if (d == 4)
        return one_of(head, {"requests", "success", "failures", "pending", "connections", "request_latency_ms",
                             "loadbalancer", "failure_accrual", "retries"});
    if (d == 5) {
        std::string_view leaf = full[i + 4];
        if (head == "failures") return true;
        if (head == "loadbalancer") return one_of(leaf, {"size", "available"});
        if (head == "failure_accrual") return one_of(leaf, {"removals", "removed_for_ms"});
        if (head == "retries") return one_of(leaf, {"requeues", "total", "budget_exhausted"});
    }
    return false;
}

// Builds the tree from scan_json events (the fast path: tree documents are the big ones).
class TreeScan final : public ScanHandler, public LimitedScan {
public:
    explicit TreeScan(const MetricsLimits& limits) : LimitedScan(limits) {}
    MetricNode root;

    bool on_other_scalar() override { return count_node(); }
    bool on_key(std::string_view k) override {
        m_key.assign(k);
        return true;
    }
    // Pruning for status skips what it would drop (nine tenths of a real tree) in the scanner:
    // objects status does not read, and arrays, which no metric is.
    bool skips_value(char first) override {
        if (!m_limits.prune_to_status || m_stack.empty()) return false;
        if (m_stack.back() == nullptr || first == '[') return true;
        if (first != '{') return false;
        m_path.push_back(m_key);
        bool keep = status_keeps(m_path, m_limits.client_services);
        m_path.pop_back();
        return !keep;
    }
    bool on_start_object() override {
        if (!enter() || !count_node()) return false;
        if (m_skip_depth > 0 || (!m_stack.empty() && m_stack.back() == nullptr)) {
            m_stack.push_back(nullptr);  // inside an array or a pruned subtree
            return true;
        }
        if (m_stack.empty()) {
            m_stack.push_back(&root);
            return true;
        }
        if (m_limits.prune_to_status) {
            m_path.push_back(m_key);
            if (!status_keeps(m_path, m_limits.client_services)) {
                m_path.pop_back();
                m_stack.push_back(nullptr);
                return true;
            }
        }
        m_stack.push_back(&m_stack.back()->children[m_key]);
        return true;
    }
    bool on_end_object() override {
        --m_depth;
        if (m_limits.prune_to_status && m_stack.back() != nullptr && m_stack.size() > 1) m_path.pop_back();
        m_stack.pop_back();
        return true;
    }
    bool on_start_array() override {
        if (!enter() || !count_node()) return false;
        if (m_stack.empty()) return limit("expected a JSON object at the top level");
        ++m_skip_depth;
        m_stack.push_back(nullptr);
        return true;
    }
    bool on_end_array() override {
        --m_depth;
        --m_skip_depth;
        m_stack.pop_back();
        return true;
    }
    bool on_number(double v) override {
        if (!count_node()) return false;
        if (m_stack.empty()) return limit("expected a JSON object at the top level");
        MetricNode* node = m_stack.back();
        if (!node) return true;
        if (m_key == "counter") {
            node->counter = v;
        } else if (m_key == "gauge") {
            node->gauge = v;
        } else if (m_key.size() > 5 && m_key.compare(0, 5, "stat.") == 0) {
            if (!node->stat) node->stat.emplace();
            set_stat_field(*node->stat, std::string_view(m_key).substr(5), v);
        }
        return true;
    }

private:
    std::size_t m_skip_depth = 0;
    std::string m_key;
    std::vector<std::string> m_path;  // keys of the kept nodes on the stack (pruning only)
    std::vector<MetricNode*> m_stack;
};

// The first segments of metric names under a scope: where a multi-segment scope id ends.
bool is_metric_head(std::string_view s) {
    static const std::set<std::string_view> k_heads{"available",
                                                    "cancelled_connects",
                                                    "closes",
                                                    "connect_latency_ms",
                                                    "connection_duration",
                                                    "connection_received_bytes",
                                                    "connection_requests",
                                                    "connection_sent_bytes",
                                                    "connections",
                                                    "connects",
                                                    "dispatcher",
                                                    "dtab",
                                                    "failed_connect_latency_ms",
                                                    "failure_accrual",
                                                    "failures",
                                                    "handletime_us",
                                                    "load",
                                                    "loadbalancer",
                                                    "pending",
                                                    "pool_cached",
                                                    "pool_num_too_many_waiters",
                                                    "pool_num_waited",
                                                    "pool_size",
                                                    "pool_waiters",
                                                    "read_timeout",
                                                    "received_bytes",
                                                    "request_latency_ms",
                                                    "request_payload_bytes",
                                                    "requests",
                                                    "response_payload_bytes",
                                                    "retries",
                                                    "sent_bytes",
                                                    "service",
                                                    "path",
                                                    "service_creation",
                                                    "socket_unwritable_ms",
                                                    "socket_writable_ms",
                                                    "status",
                                                    "success",
                                                    "time",
                                                    "transit_latency_ms",
                                                    "write_timeout",
                                                    "exn",
                                                    "sourcedexceptions",
                                                    "closechans",
                                                    "idle",
                                                    "lifetime",
                                                    "tls"};
    return k_heads.count(s) > 0;
}

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (true) {
        auto slash = s.find('/', pos);
        parts.push_back(s.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos));
        if (slash == std::string_view::npos) break;
        pos = slash + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string_view>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) out.push_back('/');
        out.append(parts[i]);
    }
    return out;
}

// Index of the first metric head at or after `from` (at least one id segment is kept).
std::size_t id_end(const std::vector<std::string_view>& parts, std::size_t from, bool allow_service) {
    for (std::size_t i = from + 1; i < parts.size(); ++i) {
        if (!is_metric_head(parts[i])) continue;
        if (!allow_service && (parts[i] == "service" || parts[i] == "path")) continue;
        return i;
    }
    return parts.size() - 1;  // no known head: the last segment is the metric
}

// Turns a flat key (without its stat suffix) into tree path segments, rebuilding scope ids that
// contain '/' and mapping pre-1.0 names (srv, dst/id, dst/path) to the 1.0 ones.
std::vector<std::string> tree_path(std::string_view key) {
    auto parts = split(key);
    std::vector<std::string> out;
    if (parts.size() < 4 || parts[0] != "rt") {
        for (auto p : parts) out.emplace_back(p);
        return out;
    }
    out = {"rt", std::string(parts[1])};
    std::size_t i = 2;
    std::string_view scope = parts[2];
    if ((scope == "server" || scope == "srv") && parts.size() >= 6) {
        out.emplace_back("server");
        out.push_back(join(parts, 3, 5));
        i = 5;
    } else if (scope == "client" || scope == "service" ||
               (scope == "dst" && (parts[3] == "id" || parts[3] == "path") && parts.size() >= 5)) {
        bool is_client = scope == "client" || (scope == "dst" && parts[3] == "id");
        std::size_t start = scope == "dst" ? 4 : 3;
        out.emplace_back(is_client ? "client" : "service");
        std::size_t end = id_end(parts, start, is_client);
        out.push_back(join(parts, start, end));
        i = end;
        if (is_client && i < parts.size() && (parts[i] == "service" || parts[i] == "path") && i + 2 < parts.size()) {
            std::size_t svc_end = id_end(parts, i + 1, false);
            out.emplace_back("service");
            out.push_back(join(parts, i + 1, svc_end));
            i = svc_end;
        }
    }
    for (; i < parts.size(); ++i) out.emplace_back(parts[i]);
    return out;
}

class FlatSax final : public SaxBase {
public:
    using SaxBase::SaxBase;
    MetricNode root;

    bool null() override { return count_node(); }
    bool boolean(bool) override { return count_node(); }
    bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
    bool number_float(number_float_t v, const string_t&) override { return number(v); }
    bool string(string_t&) override { return count_node(); }
    bool key(string_t& k) override {
        m_key = std::move(k);
        return true;
    }
    bool start_object(std::size_t) override {
        if (!enter() || !count_node()) return false;
        return m_depth == 1 ? true : limit("flat metrics must map names to numbers");
    }
    bool end_object() override {
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override {
        return m_depth == 0 ? limit("expected a JSON object at the top level")
                            : limit("flat metrics must map names to numbers");
    }
    bool end_array() override { return true; }

private:
    bool number(double v) {
        if (!count_node()) return false;
        if (m_depth == 0) return limit("expected a JSON object at the top level");
        std::string_view key = m_key;
        auto slash = key.rfind('/');
        auto dot = key.rfind('.');
        Stat* stat_target = nullptr;
        std::string_view suffix;
        if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
            suffix = key.substr(dot + 1);
            Stat probe;
            if (set_stat_field(probe, suffix, 0))
                key = key.substr(0, dot);
            else
                suffix = {};
        }
        MetricNode* node = &root;
        for (const auto& part : tree_path(key)) node = &node->children[part];
        if (!suffix.empty()) {
            if (!node->stat) node->stat.emplace();
            stat_target = &*node->stat;
            set_stat_field(*stat_target, suffix, v);
        } else {
            // Flat form has no type tag; a whole number could be either, so keep both readings.
            node->counter = v;
            node->gauge = v;
        }
        return true;
    }
    std::string m_key;
};

template <typename Sax> core::Result<MetricNode> run_sax(std::string_view text, const MetricsLimits& limits) {
    if (text.size() > limits.max_bytes)
        return core::limit_error(fmt::format("metrics.json: larger than {} bytes", limits.max_bytes));
    Sax sax(limits);
    bool ok = json::sax_parse(text.begin(), text.end(), &sax);
    if (!ok || sax.m_error) {
        if (sax.m_syntax || !sax.m_error)
            return tl::unexpected(parse_failure(text, sax.m_error_offset, sax.m_error.value_or("invalid JSON")));
        return core::fail(sax.m_code, "metrics.json: " + *sax.m_error);
    }
    return std::move(sax.root);
}

}  // namespace

core::Result<MetricNode> parse_metrics_tree(std::string_view json_text, const MetricsLimits& limits) {
    if (json_text.size() > limits.max_bytes)
        return core::limit_error(fmt::format("metrics.json: larger than {} bytes", limits.max_bytes));
    TreeScan scan(limits);
    if (auto err = scan_json(json_text, scan)) {
        if (err->from_handler && scan.m_error) return core::fail(scan.m_code, "metrics.json: " + *scan.m_error);
        return tl::unexpected(parse_failure(json_text, err->offset, err->message));
    }
    return std::move(scan.root);
}

core::Result<MetricNode> parse_metrics_flat(std::string_view json_text, const MetricsLimits& limits) {
    return run_sax<FlatSax>(json_text, limits);
}

core::Result<MetricNode> parse_metrics(std::string_view json_text, const MetricsLimits& limits) {
    // The first value after the first key: '{' means the tree form, anything else the flat one.
    auto colon = json_text.find(':');
    if (colon != std::string_view::npos) {
        auto value = json_text.find_first_not_of(" \t\r\n", colon + 1);
        if (value != std::string_view::npos && json_text[value] != '{') return parse_metrics_flat(json_text, limits);
    }
    return parse_metrics_tree(json_text, limits);
}

}  // namespace mesh::admin

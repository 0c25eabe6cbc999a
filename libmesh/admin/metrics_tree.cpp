// Both metrics.json forms are read as events, the tree form (the big one) with scan_json and the
// flat form with nlohmann's SAX interface: no DOM is built (a big proxy's tree is megabytes), and
// depth and node limits are enforced while reading.

#include "libmesh/admin/metrics_tree.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>
#include <vector>

#include "libmesh/admin/metrics_tree_scan.hpp"
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

using metrics_scan::LimitedScan;
using metrics_scan::set_stat_field;

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

// The MetricNode tree as a sink of metrics_scan::TreeScan.
class MetricNodeSink {
public:
    using Node = MetricNode*;
    MetricNode tree;
    Node root() { return &tree; }
    Node child(Node parent, std::string_view key) { return &parent->children[std::string(key)]; }
    void number(Node node, std::string_view key, double v) {
        if (metrics_scan::is(key, "counter")) {
            node->counter = v;
        } else if (metrics_scan::is(key, "gauge")) {
            node->gauge = v;
        } else if (key.size() > 5 && metrics_scan::is(key.substr(0, 5), "stat.")) {
            if (!node->stat) node->stat.emplace();
            set_stat_field(*node->stat, key.substr(5), v);
        }
    }
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
            return tl::unexpected(
                metrics_scan::parse_failure(text, sax.m_error_offset, sax.m_error.value_or("invalid JSON")));
        return core::fail(sax.m_code, "metrics.json: " + *sax.m_error);
    }
    return std::move(sax.root);
}

}  // namespace

core::Result<MetricNode> parse_metrics_tree(std::string_view json_text, const MetricsLimits& limits) {
    MetricNodeSink sink;
    if (auto done = metrics_scan::scan_metrics_tree(json_text, limits, sink); !done)
        return tl::unexpected(done.error());
    return std::move(sink.tree);
}

core::Result<MetricNode> parse_metrics_flat(std::string_view json_text, const MetricsLimits& limits) {
    return run_sax<FlatSax>(json_text, limits);
}

core::Result<MetricNode> parse_metrics(std::string_view json_text, const MetricsLimits& limits) {
    return metrics_scan::is_flat_form(json_text) ? parse_metrics_flat(json_text, limits)
                                                 : parse_metrics_tree(json_text, limits);
}

}  // namespace mesh::admin

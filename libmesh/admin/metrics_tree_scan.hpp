#pragma once
// Reading the `?tree=1` form of metrics.json from scan_json's events into a sink: the MetricNode
// tree (parse_metrics_tree) or status's own structs (parse_proxy_metrics). Both read the same
// events, keep the same nodes and enforce the same limits, so they fail and succeed alike.

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/admin/json_scan.hpp"
#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::admin::metrics_scan {

/// Sets the stat field named by `suffix` ("p99", "count", ...); false if it is not a stat suffix.
bool set_stat_field(Stat& stat, std::string_view suffix, double v);

/// Whether the node at path `path[0..n)` (keys from the root) holds anything extract_proxy_metrics
/// reads (a client's per-service scopes only with `client_services`).
bool status_keeps(const std::string* path, std::size_t n, bool client_services);

/// "metrics.json: <what>" at `offset` of `json_text`.
core::Error parse_failure(std::string_view json_text, std::size_t offset, const std::string& what);

/// `s` is the literal `word`: its length is a constant here, so the comparison is inlined (status
/// makes these for every object it reads, and memcmp calls were a tenth of the parse).
template <std::size_t N> bool is(std::string_view s, const char (&word)[N]) {
    return s.size() == N - 1 && std::memcmp(s.data(), word, N - 1) == 0;
}

template <std::size_t... N> bool one_of(std::string_view s, const char (&... words)[N]) {
    return (is(s, words) || ...);
}

/// Depth and node budgets and the first error, shared by the metrics parsers.
class LimitedScan {
public:
    explicit LimitedScan(const MetricsLimits& limits) : m_limits(limits) {}
    std::optional<std::string> m_error;
    core::ErrorCode m_code = core::ErrorCode::Input;

protected:
    bool enter() {
        if (++m_depth > m_limits.max_depth)
            return limit(fmt::format("nesting deeper than {}", m_limits.max_depth), core::ErrorCode::Limit);
        return true;
    }
    bool count_node() {
        if (++m_nodes > m_limits.max_nodes)
            return limit(fmt::format("more than {} values", m_limits.max_nodes), core::ErrorCode::Limit);
        return true;
    }
    bool limit(std::string message, core::ErrorCode code = core::ErrorCode::Input) {
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

/// scan_json's handler for the tree form. A Sink provides `Node` (a handle that tests false for
/// "not kept"), `Node root()`, `Node child(Node parent, std::string_view key)` for a kept object
/// and `void number(Node node, std::string_view key, double v)` for a number in a kept object.
template <typename Sink> class TreeScan final : public LimitedScan {
public:
    using Node = typename Sink::Node;
    TreeScan(const MetricsLimits& limits, Sink& sink) : LimitedScan(limits), m_sink(sink) {}

    bool on_other_scalar() { return count_node(); }
    bool on_key(std::string_view k) {
        m_key = k;  // used before the scanner reads another string
        return true;
    }
    // Pruning for status skips what it would drop (nine tenths of a real tree) in the scanner:
    // objects status does not read, and arrays, which no metric is. An object kept here is the
    // next on_start_object, which then takes the path as it stands.
    bool skips_value(char first) {
        if (!m_limits.prune_to_status || m_stack.empty()) return false;
        if (!m_stack.back() || first == '[') return true;
        if (first != '{') return false;
        set_path(m_path_size, m_key);
        m_kept_object = status_keeps(m_path.data(), m_path_size + 1, m_limits.client_services);
        return !m_kept_object;
    }
    bool on_start_object() {
        if (!enter() || !count_node()) return false;
        if (m_skip_depth > 0 || (!m_stack.empty() && !m_stack.back())) {
            m_stack.push_back(Node{});  // inside an array or a pruned subtree
            return true;
        }
        if (m_stack.empty()) {
            m_stack.push_back(m_sink.root());
            return true;
        }
        if (m_limits.prune_to_status) {
            if (!m_kept_object) {
                m_stack.push_back(Node{});
                return true;
            }
            m_kept_object = false;
            ++m_path_size;
        }
        m_stack.push_back(m_sink.child(m_stack.back(), m_key));
        return true;
    }
    bool on_end_object() {
        --m_depth;
        if (m_limits.prune_to_status && m_stack.back() && m_stack.size() > 1) --m_path_size;
        m_stack.pop_back();
        return true;
    }
    bool on_start_array() {
        if (!enter() || !count_node()) return false;
        if (m_stack.empty()) return limit("expected a JSON object at the top level");
        ++m_skip_depth;
        m_stack.push_back(Node{});
        return true;
    }
    bool on_end_array() {
        --m_depth;
        --m_skip_depth;
        m_stack.pop_back();
        return true;
    }
    bool on_number(double v) {
        if (!count_node()) return false;
        if (m_stack.empty()) return limit("expected a JSON object at the top level");
        if (m_stack.back()) m_sink.number(m_stack.back(), m_key, v);
        return true;
    }

private:
    // Writes `key` at `depth` of the path, reusing the string there (no allocation once warm).
    void set_path(std::size_t depth, std::string_view key) {
        if (m_path.size() <= depth) m_path.resize(depth + 1);
        m_path[depth].assign(key);
    }

    Sink& m_sink;
    std::size_t m_skip_depth = 0;
    std::string_view m_key;
    bool m_kept_object = false;       // skips_value kept the object about to start
    std::vector<std::string> m_path;  // keys of the kept nodes on the stack (pruning only) ...
    std::size_t m_path_size = 0;      // ... of which this many are in use
    std::vector<Node> m_stack;
};

/// Reads `json_text` (the tree form) into `sink`.
template <typename Sink>
core::Result<void> scan_metrics_tree(std::string_view json_text, const MetricsLimits& limits, Sink& sink) {
    if (json_text.size() > limits.max_bytes)
        return core::limit_error(fmt::format("metrics.json: larger than {} bytes", limits.max_bytes));
    TreeScan<Sink> scan(limits, sink);
    if (auto err = scan_json(json_text, scan)) {
        if (err->from_handler && scan.m_error) return core::fail(scan.m_code, "metrics.json: " + *scan.m_error);
        return tl::unexpected(parse_failure(json_text, err->offset, err->message));
    }
    return {};
}

/// Whether `json_text` is the flat form: the first value after the first key is not an object.
bool is_flat_form(std::string_view json_text);

}  // namespace mesh::admin::metrics_scan

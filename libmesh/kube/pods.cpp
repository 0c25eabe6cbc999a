#include "libmesh/kube/pods.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "libmesh/core/json_document.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/kube/json_fields.hpp"

namespace mesh::kube {

using nlohmann::json;

namespace {

// `key` as Kubernetes' int32 when it is one in [low, high]; nothing otherwise, so that a hostile API
// server can neither truncate a port nor overflow a sum.
std::optional<std::int64_t> int32_in(const json& j, const char* key, std::int64_t low, std::int64_t high) {
    const json& v = field(j, key);
    if (v.is_number_unsigned()) {
        auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(high)) return std::nullopt;
        auto i = static_cast<std::int64_t>(u);
        return i < low ? std::nullopt : std::optional<std::int64_t>(i);
    }
    if (!v.is_number_integer()) return std::nullopt;
    auto i = v.get<std::int64_t>();
    return i < low || i > high ? std::nullopt : std::optional<std::int64_t>(i);
}

PodInfo pod_from(const json& item) {
    PodInfo p;
    const json& meta = field(item, "metadata");
    const json& spec = field(item, "spec");
    const json& status = field(item, "status");
    p.name = string_field(meta, "name");
    p.namespace_name = string_field(meta, "namespace");
    p.terminating = !field(meta, "deletionTimestamp").is_null();
    p.node = string_field(spec, "nodeName");
    p.pod_ip = string_field(status, "podIP");
    p.phase = string_field(status, "phase");
    for (const auto& c : field(status, "conditions"))
        if (string_field(c, "type") == "Ready") p.ready = string_field(c, "status") == "True";
    const json& containers = field(spec, "containers");
    if (containers.is_array() && !containers.empty()) p.image = string_field(containers[0], "image");
    if (containers.is_array())
        for (const auto& c : containers)
            for (const auto& port : field(c, "ports"))
                if (string_field(port, "name") == "admin")
                    if (auto number = int32_in(port, "containerPort", 1, 65535))
                        p.admin_port = static_cast<int>(*number);
    // Summed wide and capped: each count is at most 2^31 - 1, and there may be many containers.
    std::int64_t restarts = 0;
    for (const auto& cs : field(status, "containerStatuses")) {
        if (auto count = int32_in(cs, "restartCount", 0, INT32_MAX))
            restarts = std::min<std::int64_t>(restarts + *count, INT32_MAX);
        std::string reason = string_field(field(field(cs, "lastState"), "terminated"), "reason");
        if (!reason.empty()) p.last_termination_reason = reason;
        std::string waiting = string_field(field(field(cs, "state"), "waiting"), "reason");
        if (!waiting.empty()) p.waiting_reason = waiting;
    }
    p.restarts = static_cast<int>(restarts);
    return p;
}

core::Result<json> parse_list(std::string_view text, const char* what) {
    auto j = core::parse_json_document(text, what, 64u << 20);
    if (!j) return j;
    if (auto msg = status_message(text)) return core::input_error(fmt::format("{}: {}", what, *msg));
    if (!j->is_object() || (!field(*j, "items").is_array() && !field(*j, "items").is_null()))
        return core::input_error(fmt::format("{}: not a Kubernetes list", what));
    return j;
}

}  // namespace

core::Result<PodPage> parse_pod_list(std::string_view text) {
    auto j = parse_list(text, "PodList");
    if (!j) return tl::unexpected(j.error());
    PodPage page;
    for (const auto& item : field(*j, "items")) page.pods.push_back(pod_from(item));
    page.continue_token = string_field(field(*j, "metadata"), "continue");
    return page;
}

std::optional<std::string> image_tag(const std::string& image) {
    auto at_sign = image.find('@');
    std::string ref = image.substr(0, at_sign);
    auto slash = ref.rfind('/');
    auto colon = ref.rfind(':');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return std::nullopt;
    return ref.substr(colon + 1);
}

core::Result<std::vector<NodeInfo>> parse_node_list(std::string_view text) {
    auto j = parse_list(text, "NodeList");
    if (!j) return tl::unexpected(j.error());
    std::vector<NodeInfo> out;
    for (const auto& item : field(*j, "items")) {
        NodeInfo n;
        n.name = string_field(field(item, "metadata"), "name");
        const json& unschedulable = field(field(item, "spec"), "unschedulable");
        n.schedulable = !(unschedulable.is_boolean() && unschedulable.get<bool>());
        for (const auto& c : field(field(item, "status"), "conditions"))
            if (string_field(c, "type") == "Ready") n.ready = string_field(c, "status") == "True";
        out.push_back(std::move(n));
    }
    return out;
}

core::Result<std::size_t> count_list_items(std::string_view text) {
    auto j = parse_list(text, "List");
    if (!j) return tl::unexpected(j.error());
    const json& items = field(*j, "items");
    return items.is_array() ? items.size() : 0;
}

std::optional<std::string> status_message(std::string_view text) {
    if (text.size() > (1u << 20)) return std::nullopt;
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || string_field(j, "kind") != "Status") return std::nullopt;
    std::string m = string_field(j, "message");
    return m.empty() ? string_field(j, "reason") : m;
}

}  // namespace mesh::kube

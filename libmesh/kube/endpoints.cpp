#include "libmesh/kube/endpoints.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/json_document.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/kube/api_client.hpp"
#include "libmesh/kube/json_fields.hpp"
#include "libmesh/kube/pods.hpp"

namespace mesh::kube {

using nlohmann::json;

namespace {

// The port numbers among `ports` ([{name, port}]) that `wanted` names: by name, or by number.
std::vector<int> matching_ports(const json& ports, const std::string& wanted) {
    std::vector<int> out;
    for (const auto& p : ports) {
        const json& number = field(p, "port");
        if (!number.is_number_integer()) continue;
        int n = number.get<int>();
        if (string_field(p, "name") == wanted || std::to_string(n) == wanted) out.push_back(n);
    }
    return out;
}

std::string address(const std::string& ip, int port) {
    bool v6 = ip.find(':') != std::string::npos;
    return fmt::format("{}{}{}:{}", v6 ? "[" : "", ip, v6 ? "]" : "", port);
}

core::Result<json> parse(std::string_view text, const char* what) {
    MESH_TRY_ASSIGN(auto j, core::parse_json_document(text, what, 64u << 20));
    if (auto message = status_message(text)) return core::input_error(fmt::format("{}: {}", what, *message));
    if (!j.is_object()) return core::input_error(fmt::format("{}: expected a JSON object", what));
    return j;
}

}  // namespace

core::Result<SlicePage> add_endpoint_slice_page(std::string_view text, const std::string& port,
                                                std::set<std::string>& out) {
    MESH_TRY_ASSIGN(auto j, parse(text, "EndpointSliceList"));
    SlicePage page;
    for (const auto& slice : field(j, "items")) {
        ++page.slices;
        auto ports = matching_ports(field(slice, "ports"), port);
        for (const auto& endpoint : field(slice, "endpoints")) {
            const json& ready = field(field(endpoint, "conditions"), "ready");
            if (ready.is_boolean() && !ready.get<bool>()) continue;  // unset means ready
            for (const auto& ip : field(endpoint, "addresses"))
                if (ip.is_string())
                    for (int p : ports) out.insert(address(ip.get<std::string>(), p));
        }
    }
    page.continue_token = string_field(field(j, "metadata"), "continue");
    return page;
}

core::Result<std::set<std::string>> parse_endpoints(std::string_view text, const std::string& port) {
    MESH_TRY_ASSIGN(auto j, parse(text, "Endpoints"));
    std::set<std::string> out;
    for (const auto& subset : field(j, "subsets")) {
        auto ports = matching_ports(field(subset, "ports"), port);
        for (const auto& a : field(subset, "addresses")) {
            std::string ip = string_field(a, "ip");
            if (!ip.empty())
                for (int p : ports) out.insert(address(ip, p));
        }
    }
    return out;
}

core::Result<bool> has_endpoint_slices(ApiClient& api) {
    MESH_TRY_ASSIGN(auto r, api.get("/apis/discovery.k8s.io/v1"));
    if (r.ok() && r.status == 404) return false;
    if (!r.ok() || r.status != 200) return tl::unexpected(api_error(r, "asking for the discovery.k8s.io/v1 API"));
    return true;
}

core::Result<ServiceEndpoints> fetch_service_endpoints(ApiClient& api, const std::string& ns,
                                                       const std::string& service, const std::string& port,
                                                       bool slices) {
    ServiceEndpoints out;
    if (slices) {
        out.source = "EndpointSlice";
        std::size_t slice_count = 0;
        auto read = [&](std::string_view body) -> core::Result<std::string> {
            MESH_TRY_ASSIGN(auto page, add_endpoint_slice_page(body, port, out.addresses));
            slice_count += page.slices;
            return page.continue_token;
        };
        MESH_TRY(api.list_pages("/apis/discovery.k8s.io/v1/namespaces/" + url_encode(ns) + "/endpointslices",
                                "kubernetes.io/service-name=" + service, 500,
                                fmt::format("listing the EndpointSlices of {}/{}", ns, service), read));
        // No slice at all: the service is gone (or has no selector and no one wrote slices for it).
        out.service_found = slice_count > 0;
        return out;
    }
    out.source = "Endpoints";
    MESH_TRY_ASSIGN(auto r,
                    api.get(fmt::format("/api/v1/namespaces/{}/endpoints/{}", url_encode(ns), url_encode(service))));
    if (r.ok() && r.status == 404) {
        out.service_found = false;
        return out;
    }
    if (!r.ok() || r.status != 200)
        return tl::unexpected(api_error(r, fmt::format("reading the Endpoints of {}/{}", ns, service)));
    MESH_TRY_ASSIGN(out.addresses, parse_endpoints(r.body, port));
    return out;
}

}  // namespace mesh::kube

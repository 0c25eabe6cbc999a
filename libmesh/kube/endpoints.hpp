#pragma once
// A service's ready endpoints as Kubernetes has them: its EndpointSlices, or its Endpoints on
// clusters without the discovery.k8s.io/v1 API.

#include <set>
#include <string>
#include <string_view>

#include "libmesh/core/error.hpp"

namespace mesh::kube {

class ApiClient;

/// The ready "ip:port" addresses of one service port, and where they came from.
struct ServiceEndpoints {
    bool service_found = true;        ///< false: no EndpointSlice and no Endpoints object names it
    std::string source;               ///< "EndpointSlice" or "Endpoints"
    std::set<std::string> addresses;  ///< "10.1.2.3:8080" ("[fd00::1]:8080" for IPv6)
};

/// What one EndpointSliceList page held.
struct SlicePage {
    std::size_t slices = 0;
    std::string continue_token;  ///< empty on the last page
};

/// Adds to `out` the ready addresses of an EndpointSliceList page for `port` (a port name, or a
/// number). Endpoints whose `conditions.ready` is false are left out, as Linkerd's namer leaves
/// out not-ready addresses.
core::Result<SlicePage> add_endpoint_slice_page(std::string_view json, const std::string& port,
                                                std::set<std::string>& out);

/// The ready addresses (`subsets[].addresses`, not `notReadyAddresses`) of an Endpoints object for `port`.
core::Result<std::set<std::string>> parse_endpoints(std::string_view json, const std::string& port);

/// Whether the cluster serves discovery.k8s.io/v1 (EndpointSlices, Kubernetes 1.21+).
core::Result<bool> has_endpoint_slices(ApiClient& api);

/// The ready endpoints of `service`'s `port` in `namespace_name`: from its EndpointSlices when
/// `slices`, else from its Endpoints object.
core::Result<ServiceEndpoints> fetch_service_endpoints(ApiClient& api, const std::string& namespace_name,
                                                       const std::string& service, const std::string& port,
                                                       bool slices);

}  // namespace mesh::kube

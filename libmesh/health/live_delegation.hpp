#pragma once
// Asking one running Linkerd 1 proxy about its routing: its routers' config (/config.json) and
// how a router delegates a path (/delegator.json, as the dashboard's dtab playground asks).

#include <string>

#include "libmesh/admin/linker_config.hpp"
#include "libmesh/core/error.hpp"
#include "libmesh/health/proxy_target.hpp"

namespace mesh::health {

/// Fetches and parses the proxy's /config.json; errors name the proxy and say what happened.
core::Result<admin::LinkerConfig> fetch_linker_config(const ProxyTarget& proxy);

/// What /delegator.json is asked: linkerd's DelegationRequest. `namespace_name` is the router's
/// label; `dtab` is the whole dtab to delegate with (linkerd's router interpreter uses only the
/// dtab it is sent, so the dashboard sends the router's own dtab: so must a caller).
struct DelegationRequest {
    std::string namespace_name, dtab, path;
};

/// The JSON body linkerd's DelegateApiHandler reads from a POST: {"namespace","dtab","path"}.
std::string delegation_request_body(const DelegationRequest& request);

/// POSTs the request to the proxy's /delegator.json (Content-Type: application/json) and returns
/// the body of a 200 answer; any other answer is an error carrying linkerd's own message
/// ("Invalid dtab: ...", "Name Interpreter for X cannot show delegations", "Request timed out.").
core::Result<std::string> fetch_delegation(const ProxyTarget& proxy, const DelegationRequest& request);

}  // namespace mesh::health

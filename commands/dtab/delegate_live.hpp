#pragma once
// `mesh dtab delegate --proxy` and `--dtab-from-proxy`: a running Linkerd's router dtab, and its
// own delegation of a path.

#include <string>

#include "libmesh/core/error.hpp"
#include "libmesh/dtab/dtab.hpp"
#include "libmesh/dtab/namers.hpp"
#include "libmesh/dtab/path.hpp"

namespace mesh::commands {

/// Which proxy and router to ask, and how long to wait for each request.
struct ProxyRouter {
    std::string address;  ///< host:port, host (port 9990) or an http(s):// admin URL
    std::string router;   ///< router label; empty: the first router in /config.json
    double timeout_s = 30;
};

/// What offline delegation takes from a proxy's /config.json.
struct OfflineRouter {
    dtab::Dtab dtab;           ///< the router's own dtab
    dtab::NamerConfig namers;  ///< its io.l5d.rewrite namers mounted; other /#/ namers symbolic
};

/// The router's own dtab and the namers mesh can run offline, from the proxy's /config.json.
/// Refuses a router whose interpreter keeps its dtab elsewhere (namerd, io.l5d.mesh, a file or
/// ConfigMap interpreter): offline delegation with the config's dtab would then answer for a dtab
/// the router does not use.
core::Result<OfflineRouter> router_from_proxy(const ProxyRouter& where);

/// Asks the proxy's /delegator.json how the router delegates `path` with its own dtab followed by
/// `extra` (nothing is changed on the proxy): linkerd's JSON as it answered (`json`), or the tree
/// as the offline command prints it.
core::Result<std::string> delegate_on_proxy(const ProxyRouter& where, const dtab::Path& path, const dtab::Dtab& extra,
                                            bool json);

}  // namespace mesh::commands

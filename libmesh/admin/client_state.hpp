#pragma once
// Linkerd 1 `/client_state.json`: where each client thinks it can send traffic.

#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::admin {

/// One client's address set.
struct ClientState {
    std::string client;                  ///< client name with its leading '/'
    std::string state;                   ///< "bound", "Neg", "Pending" or "Failed: <message>"
    std::vector<std::string> addresses;  ///< "host:port"
};

/// Parses `/client_state.json`; entries come out sorted by client name.
core::Result<std::vector<ClientState>> parse_client_state(std::string_view json);

}  // namespace mesh::admin

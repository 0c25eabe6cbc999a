#pragma once
// An exec credential plugin written as a shell script, for the exec plugin tests.

#include <string>

#include "libmesh/kube/kubeconfig.hpp"

namespace mesh::kube {

/// client.authentication.k8s.io/v1, interactiveMode Never, running `sh -c script`.
inline ExecConfig shell_plugin(const std::string& script) {
    ExecConfig config;
    config.api_version = "client.authentication.k8s.io/v1";
    config.interactive_mode = "Never";
    config.command = "sh";
    config.args = {"-c", script};
    return config;
}

}  // namespace mesh::kube

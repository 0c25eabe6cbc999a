#pragma once
// Application pods as `mesh check --workloads` needs them: where they run, and the parts of their
// spec that say whether and how their traffic goes through the node's Linkerd.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::kube {

/// One `env` entry of a container: a literal value or a downward-API field.
struct EnvVar {
    std::string name;
    std::string value;       ///< `value` (empty when it comes from elsewhere)
    std::string field_path;  ///< `valueFrom.fieldRef.fieldPath`, e.g. spec.nodeName; empty otherwise
};

/// A container's name, image, args and env, in the order the spec lists them.
struct ContainerFacts {
    std::string name, image;
    std::vector<std::string> args;
    std::vector<EnvVar> env;
};

/// One application pod.
struct WorkloadPod {
    std::string name, namespace_name, node, phase;
    bool ready = false;
    bool terminating = false;
    std::string owner;                               ///< "Kind/name" of the first ownerReference; empty for a bare pod
    std::map<std::string, std::string> annotations;  ///< only the ones injection reads (see .cpp)
    std::vector<ContainerFacts> containers, init_containers;
};

/// One page of a PodList read as workload pods.
struct WorkloadPodPage {
    std::vector<WorkloadPod> pods;
    std::string continue_token;  ///< empty on the last page
};

/// Parses a PodList page into workload pods.
core::Result<WorkloadPodPage> parse_workload_pod_list(std::string_view json);

class ApiClient;

/// Most pods, and most bytes of pod lists, list_workload_pods reads before it refuses.
inline constexpr std::size_t k_max_workload_pods = 300000;
inline constexpr std::size_t k_max_listed_bytes = std::size_t{2} << 30;

/// Every pod matching `selector` (may be empty) in each of `namespaces`, or in all namespaces when
/// `namespaces` is empty, read page by page (`page_size` pods a request), up to the limits above.
core::Result<std::vector<WorkloadPod>> list_workload_pods(ApiClient& api, const std::vector<std::string>& namespaces,
                                                          const std::string& selector, int page_size = 500);

}  // namespace mesh::kube

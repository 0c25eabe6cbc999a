#pragma once
// Pods and lists of the Kubernetes API, reduced to what the proxy checks need.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::kube {

/// One pod's facts for proxy discovery and diagnosis.
struct PodInfo {
    std::string name, namespace_name, node, pod_ip, phase;
    bool ready = false;
    bool terminating = false;
    int restarts = 0;
    std::string last_termination_reason;  ///< e.g. OOMKilled
    std::string waiting_reason;           ///< e.g. CrashLoopBackOff
    std::string image;                    ///< first container's image
    std::optional<int> admin_port;        ///< container port named "admin"
};

/// One page of a PodList.
struct PodPage {
    std::vector<PodInfo> pods;
    std::string continue_token;  ///< empty on the last page
};

/// Parses a PodList page.
core::Result<PodPage> parse_pod_list(std::string_view json);

/// The tag of an image reference ("buoyantio/linkerd:1.7.5" -> "1.7.5"); nullopt without a tag.
std::optional<std::string> image_tag(const std::string& image);

/// A node as the "every node has a proxy" check needs it.
struct NodeInfo {
    std::string name;
    bool schedulable = true;
    bool ready = false;
};

/// Parses a NodeList.
core::Result<std::vector<NodeInfo>> parse_node_list(std::string_view json);

/// Number of items in any List; an error when the body is not a List.
core::Result<std::size_t> count_list_items(std::string_view json);

/// The message of a Kubernetes Status body, or nullopt when the body is not one.
std::optional<std::string> status_message(std::string_view json);

}  // namespace mesh::kube

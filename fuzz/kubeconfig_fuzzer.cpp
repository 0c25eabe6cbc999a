// libFuzzer target: kubeconfig parsing and merging, ExecCredential and Kubernetes list payloads.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "libmesh/core/base64.hpp"
#include "libmesh/kube/exec_credential.hpp"
#include "libmesh/kube/kubeconfig.hpp"
#include "libmesh/kube/pods.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto kc = mesh::kube::parse_kubeconfig(text, "/fuzz/dir/config");
    if (kc) (void)mesh::kube::merge_kubeconfigs({*kc, *kc});
    (void)mesh::core::base64_decode(text, mesh::core::Base64Decode::Lenient);
    (void)mesh::kube::parse_exec_credential(text, "client.authentication.k8s.io/v1");
    (void)mesh::kube::parse_rfc3339(text);
    (void)mesh::kube::parse_pod_list(text);
    (void)mesh::kube::parse_node_list(text);
    (void)mesh::kube::status_message(text);
    (void)mesh::kube::image_tag(std::string(text.substr(0, 256)));
    return 0;
}

#include "tests/support/fake_cluster.hpp"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "libmesh/inject/marker.hpp"
#include "tests/support/testdata.hpp"

namespace mesh::testing {

using nlohmann::json;

namespace {

// A Running pod of a ReplicaSet, as a real kubelet reported it (volumes, tolerations, conditions...).
const json& recorded_pod() {
    static const json pod = [] {
        json list = json::parse(read_testdata("kube/kubelet-podlist-daemonset-pods.json"));
        for (const auto& item : list["items"])
            if (item["metadata"]["name"] == "e2e-deployment-79967c5968-8bnn8") return item;
        throw std::runtime_error("the recorded ReplicaSet pod is missing from testdata/kube");
    }();
    return pod;
}

json field_env(const char* name, const char* path) {
    return {{"name", name}, {"valueFrom", {{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", path}}}}}};
}

json proxy_env(int port) { return {{"name", "http_proxy"}, {"value", "$(NODE_NAME):" + std::to_string(port)}}; }

// A YAML node as Jackson would write the config back: plain scalars that are numbers or booleans
// become JSON numbers and booleans.
json to_json(const YAML::Node& node) {
    if (node.IsMap()) {
        json out = json::object();
        for (const auto& kv : node) out[kv.first.as<std::string>()] = to_json(kv.second);
        return out;
    }
    if (node.IsSequence()) {
        json out = json::array();
        for (const auto& item : node) out.push_back(to_json(item));
        return out;
    }
    if (!node.IsScalar()) return nullptr;
    const std::string& text = node.Scalar();
    if (node.Tag() != "!") {
        if (text == "true" || text == "false") return text == "true";
        std::size_t used = 0;
        try {
            long long i = std::stoll(text, &used);
            if (used == text.size()) return i;
            double d = std::stod(text, &used);
            if (used == text.size()) return d;
        } catch (const std::exception&) {
        }
    }
    return text;
}

}  // namespace

json endpoint_slice_of(const json& endpoints) {
    const json& meta = endpoints.at("metadata");
    json slice = {{"kind", "EndpointSlice"},
                  {"apiVersion", "discovery.k8s.io/v1"},
                  {"metadata",
                   {{"name", meta.at("name").get<std::string>() + "-mirror"},
                    {"namespace", meta.at("namespace")},
                    {"labels", {{"kubernetes.io/service-name", meta.at("name")}}}}},
                  {"addressType", "IPv4"},
                  {"endpoints", json::array()},
                  {"ports", json::array()}};
    for (const auto& subset : endpoints.value("subsets", json::array())) {
        slice["ports"] = subset.value("ports", json::array());
        for (const char* key : {"addresses", "notReadyAddresses"})
            for (const auto& a : subset.value(key, json::array()))
                slice["endpoints"].push_back({{"addresses", {a.at("ip")}},
                                              {"conditions", {{"ready", std::string(key) == "addresses"}}},
                                              {"nodeName", a.value("nodeName", "")}});
    }
    return slice;
}

std::vector<json> yaml_stream_to_json(const std::string& yaml) {
    std::vector<json> out;
    for (const auto& doc : YAML::LoadAll(yaml)) out.push_back(to_json(doc));
    return out;
}

std::string servicemesh_config_json() {
    for (const auto& doc : YAML::LoadAll(read_testdata("manifests/real/linkerd-linkerd-examples-servicemesh.yaml")))
        if (doc["kind"] && doc["kind"].as<std::string>() == "ConfigMap")
            return to_json(YAML::Load(doc["data"]["config.yaml"].as<std::string>())).dump();
    throw std::runtime_error("servicemesh.yml has no ConfigMap");
}

FakeLinkerdOptions servicemesh_proxy() {
    FakeLinkerdOptions o;
    o.success_step = 100;
    o.failure_step = 0;
    o.config_json = servicemesh_config_json();
    return o;
}

json workload_pod(const WorkloadPodSpec& spec) {
    json pod = recorded_pod();
    json& meta = pod["metadata"];
    meta["name"] = spec.name;
    meta["namespace"] = spec.namespace_name;
    meta["uid"] = "uid-" + spec.namespace_name + "-" + spec.name;
    meta["labels"] = {{"app", spec.app}};
    meta["ownerReferences"][0]["name"] = spec.app;
    json annotations = json::object();
    json& container = pod["spec"]["containers"][0];
    json env = json::array();
    switch (spec.injection) {
    case Injection::MeshInject: {
        inject::Marker marker;
        marker.mode = spec.mode;
        marker.port = spec.port;
        if (spec.mode == "iptables") {
            marker.init_container = "init-linkerd";
            marker.created = {"initContainers"};
            pod["spec"]["initContainers"] = {{{"name", "init-linkerd"},
                                              {"image", "linkerd/istio-init:v1"},
                                              {"args", {"-p", std::to_string(spec.port), "-m", "false", "-s", "L5D"}},
                                              {"env", {field_env("NODE_NAME", "spec.nodeName")}}}};
        } else {
            marker.containers.push_back({container["name"], {"NODE_NAME", "POD_IP", "http_proxy"}, true, {}});
            env = {field_env("NODE_NAME", "spec.nodeName"), field_env("POD_IP", "status.podIP"), proxy_env(spec.port)};
        }
        annotations["mesh.l5d.io/injected"] = marker.to_json();
        break;
    }
    case Injection::HandWritten:
        env = {field_env("NODE_NAME", "spec.nodeName"), field_env("POD_IP", "status.podIP"), proxy_env(spec.port)};
        break;
    case Injection::LinkerdInject:
        pod["spec"]["initContainers"] = {{{"name", "init-linkerd"},
                                          {"image", "linkerd/istio-init:v1"},
                                          {"args", {"-p", std::to_string(spec.port), "-m", "false", "-s", "L5D"}},
                                          {"env", {field_env("NODE_NAME", "spec.nodeName")}}}};
        annotations["alpha.istio.io/linkerd-daemonset"] = "injected";
        break;
    case Injection::Unexpanded: env = {proxy_env(spec.port), field_env("NODE_NAME", "spec.nodeName")}; break;
    case Injection::OptedOut: annotations["linkerd.io/inject"] = "disabled"; break;
    case Injection::None: break;
    }
    if (!env.empty()) container["env"] = env;
    meta["annotations"] = annotations;
    pod["spec"]["nodeName"] = spec.node;
    pod["status"]["phase"] = spec.phase;
    for (auto& c : pod["status"]["conditions"])
        if (c["type"] == "Ready" || c["type"] == "ContainersReady") c["status"] = spec.ready ? "True" : "False";
    return pod;
}

FakeKubeOptions scaled_cluster(int nodes, int pods, const std::vector<std::string>& l5d_backends) {
    FakeKubeOptions o;
    o.max_page = 1000;  // the client's limit decides the page size
    for (int n = 0; n < nodes; ++n) {
        o.nodes.push_back("node-" + std::to_string(n));
        if (n == nodes - 1) break;  // the last node runs no l5d
        FakePod l5d;
        l5d.name = "l5d-" + std::to_string(n);
        l5d.node = o.nodes.back();
        l5d.backend = l5d_backends.empty() ? "" : l5d_backends[static_cast<std::size_t>(n) % l5d_backends.size()];
        l5d.ready = n % 50 != 49;
        o.pods.push_back(l5d);
    }
    for (int i = 0; i < pods; ++i) {
        WorkloadPodSpec spec;
        spec.name = "app-" + std::to_string(i);
        spec.namespace_name = "ns-" + std::to_string(i % 10);
        spec.node = "node-" + std::to_string(i % nodes);
        spec.app = "app-" + std::to_string(i % 100);
        spec.injection = i % 20 == 0   ? Injection::None
                         : i % 25 == 1 ? Injection::HandWritten
                         : i % 40 == 3 ? Injection::LinkerdInject
                                       : Injection::MeshInject;
        o.workload_pods.push_back(workload_pod(spec));
    }
    return o;
}

}  // namespace mesh::testing

// What every variant of `mesh install` builds: pods mesh inject leaves alone, dtabs mesh's lint
// accepts, router ports mesh inject points apps at, and an admin port mesh check finds.

#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include "libmesh/install/linkerd_config.hpp"
#include "libmesh/install/objects.hpp"
#include "libmesh/kube/pods.hpp"
#include "tests/support/run_in_process.hpp"

using namespace mesh;
using Json = nlohmann::ordered_json;

namespace {

struct Variant {
    const char* name;
    install::LinkerdOptions options;
};

std::vector<Variant> linkerd_variants() {
    std::vector<Variant> out;
    out.push_back({"default", {}});
    install::LinkerdOptions o;
    o.cni = true;
    out.push_back({"cni", o});
    o = {};
    o.tls_secret = "certificates";
    out.push_back({"tls", o});
    o = {};
    o.zipkin = "zipkin.tracing:9410";
    out.push_back({"zipkin", o});
    o = {};
    o.namerd = true;
    out.push_back({"namerd", o});
    o = {};
    o.common.namespace_ = "mesh";
    o.cni = true;
    o.tls_secret = "l5d-tls";
    o.zipkin = "10.0.0.1:9410";
    out.push_back({"all", o});
    return out;
}

std::vector<Json> objects_of(const install::LinkerdOptions& o) {
    auto objects = install::linkerd_objects(o);
    if (!objects) throw std::runtime_error(objects.error().message);
    return *objects;
}

std::vector<Json> namerd_of(const install::NamerdOptions& o) {
    auto objects = install::namerd_objects(o);
    if (!objects) throw std::runtime_error(objects.error().message);
    return *objects;
}

std::vector<Json> all_objects() {
    std::vector<Json> out;
    for (const auto& v : linkerd_variants())
        for (auto& object : objects_of(v.options)) out.push_back(object);
    install::NamerdOptions n;
    for (auto& object : namerd_of(n)) out.push_back(object);
    n.crds_only = true;
    for (auto& object : namerd_of(n)) out.push_back(object);
    return out;
}

const Json& find(const std::vector<Json>& objects, const std::string& kind) {
    for (const auto& object : objects)
        if (object["kind"] == kind) return object;
    throw std::runtime_error("no " + kind);
}

// The router dtabs as Linkerd reads them: out of the ConfigMap's config.yaml.
std::vector<std::string> dtabs_in_config_map(const Json& config_map) {
    YAML::Node config = YAML::Load(config_map["data"]["config.yaml"].get<std::string>());
    std::vector<std::string> out;
    for (const auto& router : config["routers"])
        if (router["dtab"]) out.push_back(router["dtab"].as<std::string>());
    return out;
}

}  // namespace

TEST(InstallObjects, EveryPodTemplateOptsOutOfInjection) {
    int templates = 0;
    for (const auto& object : all_objects()) {
        if (!object.contains("spec") || !object["spec"].contains("template")) continue;
        ++templates;
        EXPECT_EQ(object["spec"]["template"]["metadata"]["annotations"].value(install::k_inject_disabled, ""),
                  "disabled")
            << object["kind"];
    }
    EXPECT_EQ(templates, 7);  // six DaemonSets and namerd's Deployment
}

TEST(InstallObjects, EveryDtabPassesMeshDtabLint) {
    int dtabs = 0;
    for (const auto& v : linkerd_variants()) {
        for (const std::string& dtab : dtabs_in_config_map(find(objects_of(v.options), "ConfigMap"))) {
            ++dtabs;
            auto result = mesh::testing::run_mesh({"mesh", "dtab", "lint", "-"}, dtab);
            EXPECT_EQ(result.exit_code, 0) << v.name << ":\n" << dtab << result.out << result.err;
            EXPECT_EQ(result.out, "") << v.name;
        }
    }
    EXPECT_EQ(dtabs, 5 * 6);  // the namerd variant's dtabs live in namerd
}

TEST(InstallObjects, NamerdVariantRoutersAskNamerdWithTheSeedsTransformers) {
    install::LinkerdOptions o;
    o.namerd = true;
    auto objects = objects_of(o);
    YAML::Node config = YAML::Load(find(objects, "ConfigMap")["data"]["config.yaml"].get<std::string>());
    EXPECT_FALSE(config["namers"]);
    for (const auto& router : config["routers"]) {
        EXPECT_FALSE(router["dtab"]);
        EXPECT_EQ(router["interpreter"]["kind"].as<std::string>(), "io.l5d.namerd");
        EXPECT_EQ(router["interpreter"]["dst"].as<std::string>(), "/$/inet/namerd.linkerd.svc.cluster.local/4100");
    }
}

TEST(InstallObjects, OutgoingPortsAreWhereMeshInjectPointsApps) {
    auto objects = objects_of({});
    const Json& container = find(objects, "DaemonSet")["spec"]["template"]["spec"]["containers"][0];
    const Json& service_ports = find(objects, "Service")["spec"]["ports"];
    for (const auto& [protocol, label] : std::vector<std::pair<std::string, std::string>>{
             {"http", "http-outgoing"}, {"h2", "h2-outgoing"}, {"grpc", "grpc-outgoing"}}) {
        auto injected = mesh::testing::run_mesh({"mesh", "inject", "--protocol", protocol, "-f", "-"},
                                                mesh::testing::hello_world_manifest());
        ASSERT_EQ(injected.exit_code, 0) << injected.err;
        bool found = false;
        for (const auto& port : container["ports"]) {
            if (port["name"] != label) continue;
            found = true;
            int number = port["hostPort"].get<int>();
            EXPECT_EQ(port["containerPort"].get<int>(), number);
            EXPECT_NE(injected.out.find("$(NODE_NAME):" + std::to_string(number)), std::string::npos) << protocol;
            bool on_service = false;
            for (const auto& sp : service_ports) on_service |= sp["name"] == label && sp["port"] == number;
            EXPECT_TRUE(on_service) << label;
        }
        EXPECT_TRUE(found) << label;
    }
}

TEST(InstallObjects, MeshCheckFindsTheAdminPortAndNotOnTheService) {
    for (const auto& v : linkerd_variants()) {
        auto objects = objects_of(v.options);
        const Json& ds = find(objects, "DaemonSet");
        // A pod of this DaemonSet as the API would list it, read by mesh check's own pod reader.
        nlohmann::json pod = {{"metadata", {{"name", "l5d-x"}, {"namespace", ds["metadata"]["namespace"]}}},
                              {"spec", nlohmann::json::parse(ds["spec"]["template"]["spec"].dump())},
                              {"status", {{"phase", "Running"}}}};
        nlohmann::json list = {{"kind", "PodList"}, {"metadata", nlohmann::json::object()}, {"items", {pod}}};
        auto page = kube::parse_pod_list(list.dump());
        ASSERT_TRUE(page) << page.error().message;
        ASSERT_EQ(page->pods.size(), 1U);
        EXPECT_EQ(page->pods[0].admin_port, install::k_linkerd_admin_port) << v.name;
        EXPECT_EQ(kube::image_tag(page->pods[0].image), std::string(install::k_linkerd_version));
        EXPECT_EQ(ds["spec"]["template"]["metadata"]["labels"]["app"], "l5d");  // mesh check's -l app=l5d
        for (const auto& sp : find(objects, "Service")["spec"]["ports"]) EXPECT_NE(sp["name"], "admin");
    }
}

TEST(InstallObjects, CniRunsOnTheHostNetworkWithoutHostPorts) {
    install::LinkerdOptions o;
    o.cni = true;
    auto objects = objects_of(o);
    const Json& pod = find(objects, "DaemonSet")["spec"]["template"]["spec"];
    EXPECT_EQ(pod["hostNetwork"], true);
    EXPECT_EQ(pod["dnsPolicy"], "ClusterFirstWithHostNet");
    for (const auto& port : pod["containers"][0]["ports"]) EXPECT_FALSE(port.contains("hostPort"));
}

TEST(InstallObjects, NamespaceComesWithNamerdsCrdsWhenNamerdStoresDtabs) {
    install::LinkerdOptions o;
    EXPECT_EQ(objects_of(o)[0]["kind"], "Namespace");
    o.namerd = true;
    for (const auto& object : objects_of(o)) EXPECT_NE(object["kind"], "Namespace");
    install::NamerdOptions n;
    for (const auto& object : namerd_of(n)) {
        EXPECT_NE(object["kind"], "Namespace");
        EXPECT_NE(object["kind"], "CustomResourceDefinition");
    }
    n.crds_only = true;
    auto crds = namerd_of(n);
    ASSERT_EQ(crds.size(), 2U);
    EXPECT_EQ(crds[0]["kind"], "Namespace");
    EXPECT_EQ(crds[1]["apiVersion"], "apiextensions.k8s.io/v1");
    EXPECT_EQ(crds[1]["metadata"]["name"], "dtabs.l5d.io");
}

TEST(InstallObjects, RefusesFlagValuesKubernetesOrLinkerdWouldRefuse) {
    auto refused = [](install::LinkerdOptions o) {
        auto r = install::linkerd_objects(o);
        return !r && r.error().code == core::ErrorCode::Usage;
    };
    install::LinkerdOptions o;
    o.common.namespace_ = "Linkerd";
    EXPECT_TRUE(refused(o));
    o = {};
    o.common.linkerd_version = "1.7.5\nkind: Secret";
    EXPECT_TRUE(refused(o));
    o = {};
    o.common.registry = "registry.example/";
    EXPECT_TRUE(refused(o));
    o = {};
    o.common.kubectl_image = "kubectl image";
    EXPECT_TRUE(refused(o));
    o = {};
    o.common.service_type = "ExternalName";
    EXPECT_TRUE(refused(o));
    o = {};
    o.tls_secret = "Certs";
    EXPECT_TRUE(refused(o));
    for (const char* zipkin :
         {"zipkin", "zipkin:0", "zipkin:65536", ":9410", "zipkin:94x0", "zip kin:9410", "zipkin:123456"}) {
        o = {};
        o.zipkin = zipkin;
        EXPECT_TRUE(refused(o)) << zipkin;
    }
    o = {};
    o.namerd_address = "namerd:4100";
    EXPECT_TRUE(refused(o));  // without --namerd
    o.namerd = true;
    EXPECT_FALSE(refused(o));
    o.common.registry = "registry.example:5000/mirror/buoyantio";
    EXPECT_FALSE(refused(o));
}

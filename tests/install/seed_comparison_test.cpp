// `mesh install` against the seed it rewrites: linkerd-examples' servicemesh.yml (the real file,
// testdata/manifests/real/). Routers, ports, namers and dtabs must be the seed's, except the
// ingress routers Linkerd 1.7 cannot run on current Kubernetes.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "libmesh/dtab/dtab.hpp"
#include "libmesh/dtab/parser.hpp"
#include "libmesh/install/objects.hpp"
#include "libmesh/install/yaml_writer.hpp"
#include "tests/support/run_in_process.hpp"

using namespace mesh;

namespace {

const std::set<std::string> k_ingress_routers{"http-ingress", "h2-ingress"};

struct Install {
    YAML::Node config, daemonset, service;
};

Install read_install(const std::string& yaml_stream) {
    Install out;
    for (const YAML::Node& doc : YAML::LoadAll(yaml_stream)) {
        if (!doc["kind"]) continue;
        std::string kind = doc["kind"].as<std::string>();
        if (kind == "ConfigMap") out.config = YAML::Load(doc["data"].begin()->second.as<std::string>());
        if (kind == "DaemonSet") out.daemonset = doc;
        if (kind == "Service") out.service = doc;
    }
    return out;
}

Install seed() {
    return read_install(mesh::testing::read_test_file(
        mesh::testing::source_path("testdata/manifests/real/linkerd-linkerd-examples-servicemesh.yaml")));
}

Install ours() {
    auto objects = install::linkerd_objects({});
    std::string stream;
    for (const auto& object : *objects) stream += "---\n" + install::to_block_yaml(object);
    return read_install(stream);
}

std::string dtab_meaning(const YAML::Node& router) {
    auto parsed = dtab::parse_dtab(router["dtab"].as<std::string>());
    return parsed ? dtab::show(*parsed) : "unparsable: " + parsed.error().message;
}

std::string transformer_kinds(const YAML::Node& router) {
    std::string out;
    if (router["interpreter"] && router["interpreter"]["transformers"])
        for (const auto& t : router["interpreter"]["transformers"]) out += t["kind"].as<std::string>() + " ";
    return out;
}

std::map<std::string, YAML::Node> by_label(const YAML::Node& routers) {
    std::map<std::string, YAML::Node> out;
    for (const YAML::Node& r : routers) out[r["label"].as<std::string>()] = YAML::Node(r);
    return out;
}

std::map<std::string, std::string> ports_by_name(const YAML::Node& ports) {
    std::map<std::string, std::string> out;
    for (const auto& p : ports) {
        std::string name = p["name"].as<std::string>();
        if (k_ingress_routers.count(name) != 0U) continue;
        out[name] = (p["containerPort"] ? p["containerPort"] : p["port"]).as<std::string>() + "/" +
                    (p["hostPort"] ? p["hostPort"].as<std::string>() : "-");
    }
    return out;
}

}  // namespace

TEST(InstallSeed, RoutersAreTheSeedsWithTheSameDtabsPortsAndTransformers) {
    auto theirs = by_label(seed().config["routers"]);
    auto mine = by_label(ours().config["routers"]);
    for (const auto& label : k_ingress_routers) EXPECT_EQ(theirs.erase(label), 1U) << label;
    ASSERT_EQ(theirs.size(), mine.size());
    for (const auto& [label, router] : theirs) {
        ASSERT_EQ(mine.count(label), 1U) << label;
        const YAML::Node& m = mine[label];
        EXPECT_EQ(m["protocol"].as<std::string>(), router["protocol"].as<std::string>()) << label;
        EXPECT_EQ(m["servers"][0]["port"].as<int>(), router["servers"][0]["port"].as<int>()) << label;
        EXPECT_EQ(m["servers"][0]["ip"].as<std::string>(), router["servers"][0]["ip"].as<std::string>()) << label;
        EXPECT_EQ(dtab_meaning(router).find("unparsable"), std::string::npos) << dtab_meaning(router);
        EXPECT_EQ(dtab_meaning(m), dtab_meaning(router)) << label;
        EXPECT_EQ(transformer_kinds(m), transformer_kinds(router)) << label;
        EXPECT_EQ(static_cast<bool>(m["identifier"]), static_cast<bool>(router["identifier"])) << label;
        if (router["identifier"]) {
            EXPECT_EQ(m["identifier"]["kind"].as<std::string>(), router["identifier"]["kind"].as<std::string>())
                << label;
        }
        EXPECT_EQ(static_cast<bool>(m["client"]), static_cast<bool>(router["client"])) << label;
        if (router["client"]) {
            EXPECT_EQ(m["client"]["configs"][0]["prefix"].as<std::string>(),
                      router["client"]["configs"][0]["prefix"].as<std::string>())
                << label;
        }
    }
}

TEST(InstallSeed, NamersAreTheSeeds) {
    YAML::Node theirs = seed().config["namers"], mine = ours().config["namers"];
    ASSERT_EQ(mine.size(), theirs.size());
    for (std::size_t i = 0; i < theirs.size(); ++i) {
        EXPECT_EQ(mine[i]["kind"].as<std::string>(), theirs[i]["kind"].as<std::string>()) << i;
        for (const char* key : {"prefix", "pattern", "name"})
            if (theirs[i][key]) {
                EXPECT_EQ(mine[i][key].as<std::string>(), theirs[i][key].as<std::string>()) << i << key;
            }
        if (!theirs[i]["transformers"]) continue;
        for (const char* key : {"kind", "namespace", "port", "service"})
            EXPECT_EQ(mine[i]["transformers"][0][key].as<std::string>(),
                      theirs[i]["transformers"][0][key].as<std::string>())
                << i << key;
    }
}

TEST(InstallSeed, PortsAndHostPortsAreTheSeedsPlusTheNamedAdminPort) {
    Install theirs = seed(), mine = ours();
    auto seed_ports = ports_by_name(theirs.daemonset["spec"]["template"]["spec"]["containers"][0]["ports"]);
    auto our_ports = ports_by_name(mine.daemonset["spec"]["template"]["spec"]["containers"][0]["ports"]);
    EXPECT_EQ(our_ports.erase("admin"), 1U);
    EXPECT_EQ(our_ports, seed_ports);
    EXPECT_EQ(ports_by_name(mine.service["spec"]["ports"]), ports_by_name(theirs.service["spec"]["ports"]));
    EXPECT_EQ(mine.daemonset["metadata"]["labels"]["app"].as<std::string>(),
              theirs.daemonset["metadata"]["labels"]["app"].as<std::string>());
}

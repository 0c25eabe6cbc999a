// `mesh install` end to end in process: YAML and JSON say the same, mesh inject over the output
// changes nothing, and every object passes Kubernetes' typed API models (python3-kubernetes).

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/yaml_oracle.hpp"

using namespace mesh::testing;

namespace {

// The oracle keeps numbers as written ({"number": "0.25"}); JSON's are made to match.
nlohmann::json as_oracle_numbers(const nlohmann::json& value) {
    if (value.is_number()) return {{"number", value.dump()}};
    nlohmann::json out = value;
    if (value.is_object() || value.is_array())
        for (auto it = out.begin(); it != out.end(); ++it) *it = as_oracle_numbers(*it);
    return out;
}

const std::vector<std::vector<std::string>> k_variants{
    {"install"},
    {"install", "--cni"},
    {"install", "--tls", "--tls-secret", "certificates"},
    {"install", "--zipkin", "zipkin.tracing:9410"},
    {"install", "--namerd"},
    {"install", "-n", "mesh", "--cni", "--tls", "--zipkin", "10.0.0.1:9410", "--service-type", "LoadBalancer"},
    {"install", "namerd"},
    {"install", "namerd", "--crds"},
};

RunResult run(std::vector<std::string> args, const std::vector<std::string>& more = {}) {
    args.insert(args.end(), more.begin(), more.end());
    auto result = run_mesh_command(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result;
}

std::string joined(const std::vector<std::string>& args) {
    std::string out;
    for (const auto& a : args) out += a + " ";
    return out;
}

// Debian's interpreter: python3-kubernetes is a Debian package, whatever else is first on PATH.
constexpr const char* k_debian_python = "/usr/bin/python3";

// Exit 77 (skip) also when Debian's python3 itself is missing.
ProcessResult check_with_models(const std::string& json_list) {
    if (!std::filesystem::exists(k_debian_python)) return {77, "", "no python3"};
    return run_process({k_debian_python, source_path("tests/install/check_kube_models.py")}, json_list);
}

}  // namespace

TEST(InstallCommand, YamlAndJsonOutputsMeanTheSameObjects) {
    for (const auto& args : k_variants) {
        nlohmann::json from_yaml = oracle_meaning(run(args).out);
        nlohmann::json from_json = nlohmann::json::parse(run(args, {"-o", "json"}).out);
        EXPECT_EQ(from_json["kind"], "List");
        EXPECT_EQ(from_yaml, as_oracle_numbers(from_json["items"])) << joined(args);
    }
}

TEST(InstallCommand, OutputIsByteStable) {
    for (const auto& args : k_variants) EXPECT_EQ(run(args).out, run(args).out) << joined(args);
}

TEST(InstallCommand, MeshInjectOverTheOutputChangesNothingAndRefusesNothing) {
    for (const auto& args : k_variants) {
        for (const char* format : {"yaml", "json"}) {
            std::string manifests = run(args, {"-o", format}).out;
            for (const char* mode : {"http-proxy", "iptables"}) {
                auto injected = run_mesh({"mesh", "inject", "--mode", mode, "-f", "-"}, manifests);
                EXPECT_EQ(injected.exit_code, 0) << joined(args) << format << mode << injected.err;
                EXPECT_EQ(injected.out, manifests) << joined(args) << format << mode;
            }
        }
    }
}

// One python3 run for all variants: importing the models takes seconds.
TEST(InstallCommand, EveryObjectPassesKubernetesTypedModels) {
    std::string lists;
    for (const auto& args : k_variants) lists += run(args, {"-o", "json"}).out;
    auto checked = check_with_models(lists);
    if (checked.exit_code == 77)
        GTEST_SKIP() << "python3-kubernetes is not installed (scripts/install-deps.sh installs it)";
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_EQ(checked.out, "");
}

TEST(InstallCommand, TheModelCheckFindsAMisspeltFieldAMissingRequiredOneAndARemovedApi) {
    std::string good = run({"install"}, {"-o", "json"}).out;
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        auto at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return at == std::string::npos ? s : s.replace(at, from.size(), to);
    };
    auto checked = check_with_models(good + replaced("\"hostPort\"", "\"hostport\"") +
                                     replaced("\"selector\": {\n                    \"matchLabels\"",
                                              "\"selectr\": {\n                    \"matchLabels\"") +
                                     replaced("\"apps/v1\"", "\"extensions/v1beta1\""));
    if (checked.exit_code == 77)
        GTEST_SKIP() << "python3-kubernetes is not installed (scripts/install-deps.sh installs it)";
    EXPECT_EQ(checked.exit_code, 1);
    EXPECT_FALSE(checked.out.starts_with("[0] ")) << checked.out;  // the untouched List passes
    EXPECT_EQ(checked.out.find("\n[0] "), std::string::npos) << checked.out;
    EXPECT_NE(
        checked.out.find("[1] DaemonSet/l5d.spec.template.spec.containers[0].ports[0].hostport: dropped by the model"),
        std::string::npos)
        << checked.out;
    EXPECT_NE(checked.out.find("[2] DaemonSet/l5d: Invalid value for `selector`, must not be `None`"),
              std::string::npos)
        << checked.out;
    EXPECT_NE(checked.out.find("[3] DaemonSet/l5d: extensions/v1beta1 DaemonSet is not served by Kubernetes 1.25+"),
              std::string::npos)
        << checked.out;
}

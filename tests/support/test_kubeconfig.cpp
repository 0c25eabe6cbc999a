#include "tests/support/test_kubeconfig.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "libmesh/core/base64.hpp"
#include "tests/support/testdata.hpp"

namespace mesh::testing {

namespace {

std::string write_kubeconfig(const std::string& name, const std::string& server, const std::string& ns,
                             const std::string& user_yaml) {
    std::string ca = core::base64_encode(read_testdata("kube/tls/server.crt"));
    std::string path = ::testing::TempDir() + "/" + name + "-" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
                       std::to_string(::getpid()) + ".yaml";
    std::ofstream(path) << "apiVersion: v1\nkind: Config\ncurrent-context: test\nclusters:\n- name: fake\n  cluster:\n"
                           "    server: "
                        << server << "\n    certificate-authority-data: " << ca
                        << "\ncontexts:\n- name: test\n  context: {cluster: fake, user: me"
                        << (ns.empty() ? "" : ", namespace: " + ns) << "}\nusers:\n- name: me\n  user:\n"
                        << user_yaml;
    return path;
}

}  // namespace

std::string write_fake_kubeconfig(const std::string& server, const std::string& ns) {
    return write_kubeconfig("kc", server, ns, "    token: good-token\n");
}

std::string write_fake_kubeconfig_with_user(const std::string& server, const std::string& user_yaml) {
    return write_kubeconfig("kc-user", server, "", user_yaml);
}

}  // namespace mesh::testing

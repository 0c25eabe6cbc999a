// kubectl-mesh as a kubectl plugin: kubectl finds it on the PATH, and its completion reaches ours
// through kubectl_complete-mesh. Uses the real kubectl when installed (no cluster is needed).

#include <gtest/gtest.h>

#include <filesystem>

#include "cli/docgen/cli_model.hpp"
#include "cli/docgen/completion_scripts.hpp"
#include "libmesh/kube/contexts.hpp"
#include "tests/cli/sample_tree.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fs = std::filesystem;
using namespace mesh::cli;
using namespace mesh::kube;
using mesh::testing::run_process;
using mesh::testing::SampleTree;
using mesh::testing::ScratchDir;

namespace {

const std::string k_complete_script = std::string(mesh::testing::source_dir()) + "/scripts/kubectl_complete-mesh";

std::string find_kubectl() {
    for (const char* p : {"/usr/bin/kubectl", "/usr/local/bin/kubectl"})
        if (fs::exists(p)) return p;
    return {};
}

// A PATH directory holding kubectl-mesh (the real binary) and kubectl_complete-mesh.
struct PluginPath {
    ScratchDir dir;
    std::string bin = dir.path() + "/bin";
    PluginPath() {
        fs::create_directories(bin);
        fs::create_symlink(mesh::testing::mesh_binary(), bin + "/kubectl-mesh");
        fs::create_symlink(k_complete_script, bin + "/kubectl_complete-mesh");
    }
    std::string path_env() const { return "PATH=" + bin + ":/usr/bin:/bin"; }
};

}  // namespace

TEST(KubectlCompleteMesh, AnswersInKubectlsFormat) {
    PluginPath plugin;
    auto r = run_process({k_complete_script, "version", "-o", ""}, "", {plugin.path_env()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "text\njson\n:4\n");
    r = run_process({k_complete_script, "vers"}, "", {plugin.path_env()});
    EXPECT_EQ(r.out, "version\n:4\n");
    r = run_process({k_complete_script}, "", {plugin.path_env()});  // `kubectl mesh <TAB>`
    EXPECT_NE(r.out.find("completion\n"), std::string::npos) << r.out;
}

TEST(KubectlCompleteMesh, LeavesFileNamesToTheShell) {
    // A stand-in mesh whose command tree has -f/--filename (the sample tree).
    ScratchDir dir;
    SampleTree tree;
    std::string script = dir.write("mesh.bash", render_bash_completion(describe_tree(tree.app)));
    dir.write("bin/mesh", "#!/bin/sh\ncat " + shell_quote(script) + "\n");
    fs::permissions(dir.path() + "/bin/mesh", fs::perms::owner_all);
    auto r = run_process({k_complete_script, "inject", "-f", ""}, "", {"PATH=" + dir.path() + "/bin:/usr/bin:/bin"});
    EXPECT_EQ(r.out, ":0\n") << r.err;
    r = run_process({k_complete_script, "dtab", ""}, "", {"PATH=" + dir.path() + "/bin:/usr/bin:/bin"});
    EXPECT_EQ(r.out, "fmt\nlookup\n:4\n") << r.err;
}

TEST(KubectlPlugin, KubectlRunsAndCompletesMesh) {
    std::string kubectl = find_kubectl();
    if (kubectl.empty()) GTEST_SKIP() << "kubectl is not installed";
    PluginPath plugin;
    ScratchDir home;
    std::vector<std::string> env = {plugin.path_env(), "HOME=" + home.path(), "KUBECONFIG=" + home.path() + "/none"};
    auto r = run_process({kubectl, "mesh", "version", "-o", "json"}, "", env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"version\""), std::string::npos) << r.out;
    std::string manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                           "  - name: app\n    image: nginx\n";
    r = run_process({kubectl, "mesh", "inject", "-f", "-"}, manifest, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("http_proxy"), std::string::npos) << r.out;
    r = run_process({kubectl, "__complete", "mesh", "version", "--out"}, "", env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("--output\n:4\n", 0), 0u) << r.out;
}

TEST(KubeconfigContexts, ReadsContextNames) {
    EXPECT_EQ(kubeconfig_context_names("contexts:\n- name: a\n  context: {}\n- name: b\n"),
              (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(kubeconfig_context_names("contexts: {a: 1}\n").empty());
    EXPECT_TRUE(kubeconfig_context_names("[unclosed").empty());
    EXPECT_TRUE(kubeconfig_context_names("").empty());
    EXPECT_EQ(kubeconfig_context_names("contexts:\n- {name: x}\n- 7\n- name: [1]\n"), (std::vector<std::string>{"x"}));
}

TEST(KubeconfigContexts, MergesFilesFirstOneWinsAndSkipsUnreadable) {
    ScratchDir dir;
    auto a = dir.write("a", "contexts:\n- name: one\n- name: two\n");
    auto b = dir.write("b", "contexts:\n- name: two\n- name: three\n");
    EXPECT_EQ(context_names_of_files({a, dir.path() + "/missing", b, dir.path()}),
              (std::vector<std::string>{"one", "two", "three"}));
}

TEST(KubeconfigContexts, HostileInputGivesNothingNotACrash) {
    EXPECT_TRUE(kubeconfig_context_names(std::string(100000, '[')).empty());
    EXPECT_TRUE(kubeconfig_context_names("contexts:\n" + std::string(50000, '-') + " x\n").empty());
    std::string deep = "contexts:\n";
    for (int i = 0; i < 5000; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "- \n";
    EXPECT_TRUE(kubeconfig_context_names(deep).empty());
    // Aliases are shared, not copied: many references to one context cost nothing.
    std::string aliases = "a: &c {name: same}\ncontexts:\n";
    for (int i = 0; i < 10000; ++i) aliases += "- *c\n";
    EXPECT_EQ(kubeconfig_context_names(aliases).size(), 10000u);
}

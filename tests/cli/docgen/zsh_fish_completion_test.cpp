// zsh and fish scripts, asked by the real shells when they are installed (skipped otherwise):
// fish answers `complete -C`; zsh runs the completion in a pseudo-terminal (zpty) with compadd
// wrapped to record what it is offered.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "cli/docgen/cli_model.hpp"
#include "cli/docgen/completion_scripts.hpp"
#include "tests/cli/sample_tree.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

using namespace mesh::cli;
using mesh::testing::read_file;
using mesh::testing::run_process;
using mesh::testing::SampleTree;
using mesh::testing::ScratchDir;

namespace {

using Words = std::set<std::string>;

Words lines_of(const std::string& text, bool first_field = true) {
    Words words;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (first_field) line = line.substr(0, line.find('\t'));
        if (!line.empty()) words.insert(line);
    }
    return words;
}

std::string find_shell(const char* name) {
    for (const char* dir : {"/usr/bin/", "/bin/"})
        if (std::filesystem::exists(std::string(dir) + name)) return std::string(dir) + name;
    return {};
}

const char* const k_zsh_capture = R"ZSH(
zmodload zsh/zpty
script=$1 out=$2 line=$3
zpty z zsh -f -i
zpty -w z "PROMPT= ; autoload -U compinit; compinit -u -D; source ${(q)script}"
zpty -w z "compadd() { local -a __h; builtin compadd -O __h \"\$@\"; print -rl -- \$__h >> ${(q)out}; builtin compadd \"\$@\"; }"
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no"
zpty -w z "print -n ready > ${(q)out}.ready"
for i in {1..200}; do [[ -e $out.ready ]] && break; sleep 0.05; done
zpty -w -n z "$line"$'\t'
for i in {1..100}; do [[ -s $out ]] && break; sleep 0.05; done
sleep 0.3
zpty -d z
)ZSH";

class ShellCompletion : public ::testing::Test {
protected:
    void SetUp() override {
        SampleTree tree;
        root = describe_tree(tree.app);
    }
    Words zsh(const std::string& line, const std::vector<std::string>& env = {}) {
        std::string script = dir.write("_mesh", render_zsh_completion(root));
        std::string capture = dir.write("capture.zsh", k_zsh_capture);
        std::string out = dir.path() + "/out" + std::to_string(++runs);
        auto r = run_process({find_shell("zsh"), "-f", capture, script, out, line}, "", env);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return lines_of(read_file(out));
    }
    Words fish(const std::string& line, const std::vector<std::string>& env = {}) {
        std::string script = dir.write("mesh.fish", render_fish_completion(root));
        auto r = run_process({find_shell("fish"), "--no-config", "-c",
                              "source " + shell_quote(script) + "; complete -C " + shell_quote(line)},
                             "", env);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return lines_of(r.out);
    }
    CommandModel root;
    ScratchDir dir;
    int runs = 0;
};

bool contains(const Words& words, const std::string& word) { return words.count(word) != 0; }

// The real mesh as `mesh` on a PATH (the scripts ask `mesh __complete contexts`), and a kubeconfig.
struct KubeEnv {
    ScratchDir dir;
    std::vector<std::string> env;
    KubeEnv() {
        std::filesystem::create_directories(dir.path() + "/bin");
        std::filesystem::create_symlink(mesh::testing::mesh_binary(), dir.path() + "/bin/mesh");
        std::string kubeconfig = dir.write("kubeconfig", "contexts:\n- name: prod\n- name: staging\n");
        env = {"PATH=" + dir.path() + "/bin:/usr/bin:/bin", "KUBECONFIG=" + kubeconfig};
    }
};

}  // namespace

TEST_F(ShellCompletion, ZshScriptIsValidAndCompletesCommandsFlagsAndValues) {
    if (find_shell("zsh").empty()) GTEST_SKIP() << "zsh is not installed";
    std::string script = dir.write("_mesh", render_zsh_completion(root));
    auto syntax = run_process({find_shell("zsh"), "-n", script});
    EXPECT_EQ(syntax.exit_code, 0) << syntax.err;
    EXPECT_EQ(zsh("mesh "), (Words{"dtab", "inject"}));
    EXPECT_EQ(zsh("mesh dtab "), (Words{"fmt", "lookup"}));
    EXPECT_EQ(zsh("mesh dtab fmt -o "), (Words{"json", "text"}));
    EXPECT_EQ(zsh("mesh inject --mode "), (Words{"daemonset", "sidecar"}));
    Words flags = zsh("mesh inject --");
    EXPECT_TRUE(contains(flags, "--recursive"));
    EXPECT_FALSE(contains(flags, "--output"));
}

TEST_F(ShellCompletion, FishScriptCompletesCommandsFlagsAndValues) {
    if (find_shell("fish").empty()) GTEST_SKIP() << "fish is not installed";
    EXPECT_EQ(fish("mesh "), (Words{"dtab", "inject"}));
    EXPECT_EQ(fish("mesh dtab "), (Words{"fmt", "lookup"}));
    EXPECT_EQ(fish("mesh dtab fmt -o "), (Words{"json", "text"}));
    EXPECT_EQ(fish("mesh dtab fmt --output="), (Words{"--output=json", "--output=text"}));
    EXPECT_EQ(fish("mesh inject --mode "), (Words{"daemonset", "sidecar"}));
    Words flags = fish("mesh inject --");
    EXPECT_TRUE(contains(flags, "--recursive"));
    EXPECT_TRUE(contains(flags, "--filename"));
    EXPECT_FALSE(contains(flags, "--output"));
    EXPECT_FALSE(contains(fish("mesh dtab fmt --"), "--recursive"));
    // Option values are skipped when finding the command: "dtab" is --mode's value here.
    EXPECT_TRUE(contains(fish("mesh inject --mode dtab --"), "--recursive"));
}

TEST_F(ShellCompletion, ZshAndFishOfferKubeconfigContexts) {
    KubeEnv kube;
    if (!find_shell("fish").empty()) {
        EXPECT_EQ(fish("mesh inject --context ", kube.env), (Words{"prod", "staging"}));
    }
    if (!find_shell("zsh").empty()) {
        EXPECT_EQ(zsh("mesh inject --context ", kube.env), (Words{"prod", "staging"}));
    }
    if (find_shell("fish").empty() && find_shell("zsh").empty()) GTEST_SKIP() << "neither zsh nor fish";
}

TEST_F(ShellCompletion, FishOffersFilesForFilename) {
    if (find_shell("fish").empty()) GTEST_SKIP() << "fish is not installed";
    ScratchDir work;
    work.write("app.yml", "");
    std::string script = dir.write("mesh.fish", render_fish_completion(root));
    auto r = run_process(
        {find_shell("fish"), "--no-config", "-c",
         "cd " + shell_quote(work.path()) + "; source " + shell_quote(script) + "; complete -C 'mesh inject -f ap'"});
    EXPECT_EQ(lines_of(r.out), (Words{"app.yml"})) << r.err;
}

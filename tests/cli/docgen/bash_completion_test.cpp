// The bash script is sourced in a real bash and asked, the way bash asks it: COMP_WORDS and
// COMP_CWORD set, _mesh called, COMPREPLY read.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "cli/docgen/cli_model.hpp"
#include "cli/docgen/completion_scripts.hpp"
#include "tests/cli/sample_tree.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/fake_namerd.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/scratch_dir.hpp"

using mesh::cli::describe_tree;
using mesh::cli::render_bash_completion;
using mesh::cli::shell_quote;
using mesh::testing::run_process;
using mesh::testing::SampleTree;
using mesh::testing::ScratchDir;

namespace {

using Words = std::vector<std::string>;

// Splits on spaces; a trailing space means the cursor is on a new, empty word.
Words split_words(const std::string& line) {
    Words words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    if (!line.empty() && line.back() == ' ') words.emplace_back();
    return words;
}

struct Completion {
    Words candidates;  // sorted
    std::string kind;  // __mesh_completed_kind
    std::string err;
};

Completion complete(const std::string& script, const std::string& line, const std::string& cwd,
                    const std::vector<std::string>& env = {}, const std::string& program = "mesh") {
    Words words = split_words(line);
    words[0] = program;
    std::string driver =
        "cd " + shell_quote(cwd) + " || exit 9\nsource " + shell_quote(script) + " || exit 8\nCOMP_WORDS=(";
    for (const auto& w : words) driver += shell_quote(w) + " ";
    driver += ")\nCOMP_CWORD=" + std::to_string(words.size() - 1) +
              "\n_mesh\necho \"kind:$__mesh_completed_kind\"\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    auto r = run_process({"/bin/bash", "--norc", "--noprofile", "-c", driver}, "", env);
    Completion c;
    c.err = r.err;
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::istringstream out(r.out);
    std::string first;
    std::getline(out, first);
    c.kind = first.rfind("kind:", 0) == 0 ? first.substr(5) : "?";
    for (std::string l; std::getline(out, l);)
        if (!l.empty()) c.candidates.push_back(l);
    std::sort(c.candidates.begin(), c.candidates.end());
    return c;
}

class BashCompletion : public ::testing::Test {
protected:
    void SetUp() override {
        SampleTree tree;
        script = dir.write("mesh.bash", render_bash_completion(describe_tree(tree.app)));
    }
    ScratchDir dir;
    std::string script;
};

}  // namespace

TEST_F(BashCompletion, OffersTopLevelCommandsButNotHiddenOnes) {
    EXPECT_EQ(complete(script, "mesh ", dir.path()).candidates, (Words{"dtab", "inject"}));
    EXPECT_EQ(complete(script, "mesh dt", dir.path()).candidates, (Words{"dtab"}));
}

TEST_F(BashCompletion, OffersNestedCommandsAndTheirOwnFlags) {
    EXPECT_EQ(complete(script, "mesh dtab ", dir.path()).candidates, (Words{"fmt", "lookup"}));
    EXPECT_EQ(complete(script, "mesh dtab fmt --", dir.path()).candidates, (Words{"--help", "--output"}));
    auto inject = complete(script, "mesh inject -", dir.path()).candidates;
    EXPECT_NE(std::find(inject.begin(), inject.end(), "--recursive"), inject.end());
    EXPECT_EQ(std::find(inject.begin(), inject.end(), "--output"), inject.end());
}

TEST_F(BashCompletion, OffersEnumValuesInEverySpelling) {
    EXPECT_EQ(complete(script, "mesh dtab fmt -o ", dir.path()).candidates, (Words{"json", "text"}));
    EXPECT_EQ(complete(script, "mesh dtab fmt --output j", dir.path()).candidates, (Words{"json"}));
    EXPECT_EQ(complete(script, "mesh inject -R --mode s", dir.path()).candidates, (Words{"sidecar"}));
    // With '=' in COMP_WORDBREAKS bash hands "--output=j" over as three words.
    EXPECT_EQ(complete(script, "mesh dtab fmt --output = j", dir.path()).candidates, (Words{"json"}));
    // Without it, one word; the answer keeps the flag.
    EXPECT_EQ(complete(script, "mesh dtab fmt --output=j", dir.path()).candidates, (Words{"--output=json"}));
}

TEST_F(BashCompletion, SkipsOptionValuesWhenFindingTheCommand) {
    // "dtab" here is the value of --mode, not a command: inject's flags still apply.
    auto c = complete(script, "mesh inject --mode dtab --rec", dir.path());
    EXPECT_EQ(c.candidates, (Words{"--recursive"}));
}

TEST_F(BashCompletion, OffersFilesForFilenameAndFilePositionals) {
    ScratchDir work;
    work.write("app.yml", "a: 1\n");
    work.write("apps/b.yml", "b: 1\n");
    auto c = complete(script, "mesh inject -f ap", work.path());
    EXPECT_EQ(c.candidates, (Words{"app.yml", "apps"}));
    EXPECT_EQ(c.kind, "files");
    EXPECT_EQ(complete(script, "mesh dtab fmt a", work.path()).candidates, (Words{"app.yml", "apps"}));
    // A directory positional offers directories only.
    EXPECT_EQ(complete(script, "mesh dtab lookup a", work.path()).candidates, (Words{"apps"}));
}

TEST_F(BashCompletion, OffersNothingForFreeTextAndPastTheLastPositional) {
    EXPECT_TRUE(complete(script, "mesh inject --mode sidecar ", dir.path()).candidates.empty());
    ScratchDir work;
    work.write("x.yml", "");
    // lookup takes DIR then PATH; a third word has nothing to complete.
    EXPECT_TRUE(complete(script, "mesh dtab lookup . p x", work.path()).candidates.empty());
}

TEST_F(BashCompletion, OffersContextsOfTheKubeconfig) {
    ScratchDir work;
    std::string kubeconfig = work.write("kubeconfig", "apiVersion: v1\nkind: Config\ncontexts:\n"
                                                      "- name: prod\n  context: {cluster: a}\n"
                                                      "- name: staging\n  context: {cluster: b}\n");
    std::string other = work.write("other", "contexts:\n- name: dev\n");
    auto c = complete(script, "mesh inject --context ", work.path(), {"KUBECONFIG=" + kubeconfig},
                      mesh::testing::mesh_binary());
    EXPECT_EQ(c.candidates, (Words{"prod", "staging"})) << c.err;
    // --kubeconfig typed earlier wins over KUBECONFIG.
    c = complete(script, "mesh inject --kubeconfig " + other + " --context ", work.path(), {"KUBECONFIG=" + kubeconfig},
                 mesh::testing::mesh_binary());
    EXPECT_EQ(c.candidates, (Words{"dev"})) << c.err;
}

TEST_F(BashCompletion, CompletesContextsWithColonsThatBashSplits) {
    ScratchDir work;
    std::string kubeconfig = work.write("kubeconfig", "contexts:\n"
                                                      "- name: arn:aws:eks:us-east-1:123:cluster/prod\n"
                                                      "- name: arn:aws:eks:eu-west-1:123:cluster/dev\n");
    std::vector<std::string> env = {"KUBECONFIG=" + kubeconfig};
    // bash hands "arn:aws:eks:u" over as "arn" ":" "aws" ":" "eks" ":" "u" and replaces only "u".
    auto c =
        complete(script, "mesh inject --context arn : aws : eks : u", work.path(), env, mesh::testing::mesh_binary());
    EXPECT_EQ(c.candidates, (Words{"us-east-1:123:cluster/prod"})) << c.err;
    c = complete(script, "mesh inject --context arn :", work.path(), env, mesh::testing::mesh_binary());
    EXPECT_EQ(c.candidates, (Words{":aws:eks:eu-west-1:123:cluster/dev", ":aws:eks:us-east-1:123:cluster/prod"}));
    // The words after a joined value are walked correctly: inject's flags still apply.
    c = complete(script, "mesh inject --context arn : aws --rec", work.path(), env, mesh::testing::mesh_binary());
    EXPECT_EQ(c.candidates, (Words{"--recursive"}));
    // Given whole (kubectl_complete-mesh, or ':' not a word break), nothing is trimmed.
    c = complete(script, "mesh inject --context arn:aws:eks:e", work.path(), env, mesh::testing::mesh_binary());
    EXPECT_EQ(c.candidates, (Words{"arn:aws:eks:eu-west-1:123:cluster/dev"}));
}

TEST_F(BashCompletion, OffersNamespacesThroughKubectlWithTheTypedContext) {
    ScratchDir work;
    // A stand-in kubectl: the real one would need a cluster.
    std::string log = work.path() + "/kubectl.args";
    work.write("bin/kubectl", "#!/bin/sh\necho \"$@\" > " + shell_quote(log) +
                                  "\nprintf 'namespace/default\\nnamespace/linkerd\\n'\n");
    std::filesystem::permissions(work.path() + "/bin/kubectl", std::filesystem::perms::owner_all);
    std::string path = "PATH=" + work.path() + "/bin:/usr/bin:/bin";
    auto c = complete(script, "mesh inject --context prod -n ", work.path(), {path});
    EXPECT_EQ(c.candidates, (Words{"default", "linkerd"})) << c.err;
    std::string args = mesh::testing::read_file(log);
    EXPECT_NE(args.find("get namespaces -o name"), std::string::npos) << args;
    EXPECT_NE(args.find("--context=prod"), std::string::npos) << args;
    // No kubectl: nothing, and no error.
    c = complete(script, "mesh inject --namespace ", work.path(), {"PATH=/nonexistent"});
    EXPECT_TRUE(c.candidates.empty());
}

TEST(BashCompletionOfMesh, CompletesTheRealCommands) {
    ScratchDir dir;
    auto r = run_process({mesh::testing::mesh_binary(), "completion", "bash"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string script = dir.write("mesh.bash", r.out);
    auto top = complete(script, "mesh ", dir.path()).candidates;
    for (const char* command : {"completion", "version"})
        EXPECT_NE(std::find(top.begin(), top.end(), command), top.end()) << command;
    EXPECT_EQ(std::find(top.begin(), top.end(), "__generate"), top.end());
    EXPECT_EQ(complete(script, "mesh version -o ", dir.path()).candidates, (Words{"json", "text"}));
    EXPECT_EQ(complete(script, "mesh completion ", dir.path()).candidates, (Words{"bash", "fish", "zsh"}));
    EXPECT_EQ(complete(script, "mesh inject --mode ", dir.path()).candidates, (Words{"http-proxy", "iptables"}));
    EXPECT_EQ(complete(script, "mesh inject -f ", dir.path()).kind, "files");
    EXPECT_EQ(complete(script, "mesh uninject -o ", dir.path()).candidates, (Words{"json", "yaml"}));
}

// The committed script with the real binary: `mesh dtab get <TAB>` asks namerd (from --namerd typed
// earlier, or NAMERD_URL) for its namespaces; with namerd unknown, nothing is offered and nothing fails.
TEST(BashCompletionOfDtabNamespaces, AsksNamerdWhenItIsKnown) {
    mesh::testing::FakeNamerd namerd;
    namerd.set("default", "/svc=>/#/io.l5d.k8s/default/http");
    namerd.set("internal", "/svc=>/srv");
    namerd.set("prod", "/svc=>/srv");
    ScratchDir work;
    std::string script = std::string(mesh::testing::source_dir()) + "/completions/mesh.bash";
    const std::string mesh = mesh::testing::mesh_binary();
    auto c = complete(script, "mesh dtab get ", work.path(), {"NAMERD_URL=" + namerd.url()}, mesh);
    EXPECT_EQ(c.candidates, (Words{"default", "internal", "prod"})) << c.err;
    EXPECT_EQ(c.kind, "dtab-namespaces");
    c = complete(script, "mesh dtab watch --namerd " + namerd.url() + " p", work.path(), {}, mesh);
    EXPECT_EQ(c.candidates, (Words{"prod"})) << c.err;
    c = complete(script, "mesh dtab update --namerd=" + namerd.url() + " i", work.path(), {}, mesh);
    EXPECT_EQ(c.candidates, (Words{"internal"})) << c.err;
    c = complete(script, "mesh dtab get ", work.path(), {}, mesh);
    EXPECT_TRUE(c.candidates.empty()) << c.err;
}

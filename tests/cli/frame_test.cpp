// The frame: parsing only records the chosen command; the frame runs it, prints any error once
// and maps the outcome to the exit code.

#include <gtest/gtest.h>

#include <sstream>

#include "cli/output_format.hpp"
#include "cli/run_main.hpp"
#include "tests/support/run_in_process.hpp"

using namespace mesh::cli;

namespace {

struct Run {
    int exit_code;
    std::string out, err;
};

// A tree of one command whose run returns `outcome` and counts how often it ran.
Run run_with(const Outcome& outcome, int& runs, const std::vector<std::string>& args = {"mesh", "job"}) {
    CommandSet commands;
    commands.commands.push_back({"job", [&outcome, &runs](CLI::App& app, Context& ctx) {
                                     CLI::App* cmd = add_command(app, "job", "A job", "Does a job.", "");
                                     set_run(*cmd, ctx, [&outcome, &runs](Io& io) {
                                         ++runs;
                                         io.out << (outcome ? "done\n" : "");
                                         return outcome;
                                     });
                                 }});
    std::istringstream in;
    std::ostringstream out, err;
    Io io{in, out, err};
    int code = run_main(args, io, commands);
    return {code, out.str(), err.str()};
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST(Frame, RunsTheChosenCommandOnceAfterParsing) {
    int runs = 0;
    auto r = run_with(Outcome(k_exit_finding), runs);
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.out, "done\n");
    EXPECT_EQ(r.err, "");
}

TEST(Frame, HelpRunsNothing) {
    int runs = 0;
    auto r = run_with(Outcome(k_exit_ok), runs, {"mesh", "job", "--help"});
    EXPECT_EQ(runs, 0);
    EXPECT_EQ(r.exit_code, 0);
}

TEST(Frame, PrintsAnErrorOnceWithItsExitCode) {
    int runs = 0;
    auto failed = run_with(
        tl::unexpected(CommandError(mesh::core::Error{mesh::core::ErrorCode::Input, "bad input", {"f.yml", 3, 7}, {}})),
        runs);
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_EQ(failed.out, "");
    EXPECT_EQ(failed.err, "mesh: error: f.yml:3:7: bad input\n");

    auto usage = run_with(
        tl::unexpected(CommandError(mesh::core::Error{mesh::core::ErrorCode::Usage, "wrong flags", {}, {}})), runs);
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_EQ(usage.err, "mesh: error: wrong flags\n");
}

TEST(Frame, PrintsTheNoteAfterTheError) {
    int runs = 0;
    auto r = run_with(tl::unexpected(CommandError(mesh::core::Error{mesh::core::ErrorCode::Refused, "refused", {}, {}},
                                                  "mesh: your edit is kept in /tmp/x\n")),
                      runs);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "mesh: error: refused\nmesh: your edit is kept in /tmp/x\n");
}

TEST(Frame, RealCommandsPrintTheirErrorOnce) {
    auto r = mesh::testing::run_mesh({"mesh", "dtab", "fmt"}, "/a => /b;\n/c =>\n");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(count(r.err, "mesh: error:"), 1u) << r.err;
    auto usage = mesh::testing::run_mesh_command({"inject"});
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_EQ(count(usage.err, "mesh: error:"), 1u) << usage.err;
}

TEST(OutputFlag, HiddenAliasesOfTextAreAcceptedButNotListed) {
    const std::vector<std::string> base{"mesh",     "dtab",   "delegate",
                                        "/svc/web", "--dtab", "/svc=>/$/inet/127.0.0.1/8080"};
    auto with = [&](const std::string& format) {
        auto args = base;
        args.push_back("-o");
        args.push_back(format);
        return mesh::testing::run_mesh(args);
    };
    auto text = with("text"), tree = with("tree"), json = with("json");
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(tree.exit_code, 0) << tree.err;
    EXPECT_EQ(tree.out, text.out);
    EXPECT_NE(json.out, text.out);
    EXPECT_EQ(with("pretty").exit_code, 2);  // an alias only where it was accepted before
    auto help = mesh::testing::run_mesh_command({"dtab", "delegate", "--help"});
    EXPECT_NE(help.out.find("-o, --output text|json "), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("tree|"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("|tree"), std::string::npos) << help.out;

    // namerd's commands called text `pretty`: still accepted (the failure is finding namerd).
    for (const char* verb : {"list", "watch"}) {
        std::vector<std::string> args{"dtab", verb};
        if (std::string(verb) == "watch") args.push_back("default");
        args.insert(args.end(), {"-o", "pretty"});
        auto r = mesh::testing::run_mesh_command(args);
        EXPECT_EQ(r.exit_code, 2) << verb;
        EXPECT_NE(r.err.find("no namerd"), std::string::npos) << verb << r.err;
    }
    auto get = mesh::testing::run_mesh_command({"dtab", "get", "default", "-o", "pretty"});
    EXPECT_NE(get.err.find("no namerd"), std::string::npos) << get.err;
    auto bogus = mesh::testing::run_mesh_command({"dtab", "get", "default", "-o", "tree"});
    EXPECT_EQ(bogus.exit_code, 2);
    EXPECT_EQ(bogus.err.find("no namerd"), std::string::npos) << bogus.err;
}

namespace {

// A set of two commands and a whole-tree hook, recording which hooks a run called.
std::vector<std::string> hooks_called_for(const std::vector<std::string>& args) {
    std::vector<std::string> called;
    CommandSet commands;
    for (std::string name : {"job", "chore", ""}) {
        commands.commands.push_back({name, [name, &called](CLI::App& app, Context& ctx) {
                                         called.push_back(name.empty() ? "(whole tree)" : name);
                                         if (name.empty()) return;
                                         CLI::App* cmd = add_command(app, name, "A " + name, "Does it.", "");
                                         set_run(*cmd, ctx, [](Io&) { return Outcome(k_exit_ok); });
                                     }});
    }
    std::istringstream in;
    std::ostringstream out, err;
    Io io{in, out, err};
    run_main(args, io, commands);
    return called;
}

}  // namespace

TEST(Frame, BuildsOnlyTheNamedCommandAndTheWholeTreeOtherwise) {
    using Hooks = std::vector<std::string>;
    EXPECT_EQ(hooks_called_for({"mesh", "chore"}), Hooks({"chore"}));
    EXPECT_EQ(hooks_called_for({"mesh", "chore", "--help"}), Hooks({"chore"}));
    const Hooks whole{"job", "chore", "(whole tree)"};
    EXPECT_EQ(hooks_called_for({"mesh"}), whole);
    EXPECT_EQ(hooks_called_for({"mesh", "--help"}), whole);
    EXPECT_EQ(hooks_called_for({"mesh", "chor"}), whole);  // a typo: the suggestion needs every name
    EXPECT_EQ(hooks_called_for({"mesh", "help", "chore"}), whole);
}

// The first minutes with mesh (issue 12 items 1 and 8): typos get a suggestion, `mesh help`
// works, parser errors read in mesh's words, and --help is wrapped, uncluttered and kubectl-aware.

#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/run_process.hpp"

using mesh::testing::run_mesh;
using mesh::testing::run_mesh_command;
using mesh::testing::run_process;

namespace {

std::vector<std::string> lines_in(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::size_t longest_line(const std::string& text) {
    std::size_t longest = 0;
    for (const auto& line : lines_in(text)) longest = std::max(longest, line.size());
    return longest;
}

// The names under "Commands:" in a help text.
std::vector<std::string> commands_listed(const std::string& help) {
    std::vector<std::string> names;
    bool in_list = false;
    for (const auto& line : lines_in(help)) {
        if (line == "Commands:") {
            in_list = true;
        } else if (in_list && line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') {
            names.push_back(line.substr(2, line.find(' ', 2) - 2));
        } else if (in_list && line.rfind("  ", 0) != 0) {
            in_list = false;
        }
    }
    return names;
}

// Every command path below `path`, found from the help texts themselves.
void every_command(std::vector<std::string> path, std::vector<std::vector<std::string>>& out) {
    out.push_back(path);
    auto args = path;
    args.push_back("--help");
    for (const auto& name : commands_listed(run_mesh_command(args).out)) {
        auto sub = path;
        sub.push_back(name);
        every_command(sub, out);
    }
}

}  // namespace

TEST(Typos, AnUnknownCommandGetsTheNearestOne) {
    auto r = run_mesh_command({"injct", "-f", "app.yml"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "mesh: error: unknown command `injct` for `mesh`; did you mean `inject`?\n"
                     "Run 'mesh --help' for usage.\n");
    r = run_mesh_command({"dtab", "lnt", "routes.dtab"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "mesh: error: unknown command `lnt` for `mesh dtab`; did you mean `lint`?\n"
                     "Run 'mesh dtab --help' for usage.\n");
}

TEST(Typos, NothingNearGetsNoGuess) {
    auto r = run_mesh_command({"frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "mesh: error: unknown command `frobnicate` for `mesh`\nRun 'mesh --help' for usage.\n");
}

TEST(Typos, AnUnknownFlagGetsTheNearestFlagOfItsCommand) {
    auto r = run_mesh_command({"inject", "--fliename", "app.yml"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "mesh: error: unknown flag --fliename for `mesh inject`; did you mean `--filename`?\n"
                     "Run 'mesh inject --help' for usage.\n");
    r = run_mesh_command({"status", "--proxy", "a:1", "--proxy", "b:2", "--onse"});
    EXPECT_EQ(r.err, "mesh: error: unknown flag --onse for `mesh status`; did you mean `--once`?\n"
                     "Run 'mesh status --help' for usage.\n");
}

TEST(Typos, AFlagGivenAValueItDoesNotTakeIsNamed) {
    auto r = run_mesh_command({"status", "-v=6"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "mesh: error: -v takes no value (given `-v=6`)\nRun 'mesh status --help' for usage.\n");
}

TEST(Typos, AMissingCommandListsTheChoices) {
    auto r = run_mesh_command({});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("mesh: error: `mesh` needs a command: dtab, install, inject, uninject,"), std::string::npos)
        << r.err;
    r = run_mesh_command({"dtab"});
    EXPECT_NE(r.err.find("mesh: error: `mesh dtab` needs a command: fmt, lint,"), std::string::npos) << r.err;
}

TEST(Typos, BadValuesKeepCli11sSpecificsUnderMeshsPrefix) {
    auto r = run_mesh_command({"inject", "-f", "-", "--mode", "sideways"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "mesh: error: --mode: sideways not in {http-proxy,iptables}\nRun 'mesh inject --help' for usage.\n");
}

TEST(HelpCommand, PrintsWhatHelpFlagsPrint) {
    auto help = run_mesh_command({"help"});
    EXPECT_EQ(help.exit_code, 0) << help.err;
    EXPECT_EQ(help.out, run_mesh_command({"--help"}).out);
    auto lint = run_mesh_command({"help", "dtab", "lint"});
    EXPECT_EQ(lint.exit_code, 0) << lint.err;
    EXPECT_EQ(lint.out, run_mesh_command({"dtab", "lint", "--help"}).out);
    EXPECT_NE(lint.out.find("Usage: mesh dtab lint"), std::string::npos) << lint.out;
}

TEST(HelpCommand, AnUnknownCommandGetsTheNearestOne) {
    auto r = run_mesh_command({"help", "dtab", "lnt"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "mesh: error: unknown command `lnt` for `mesh dtab`; did you mean `lint`?\n"
                     "Run 'mesh dtab --help' for usage.\n");
}

TEST(ReadableHelp, EveryCommandFitsEightyColumnsWithoutParserTypes) {
    std::vector<std::vector<std::string>> commands;
    every_command({}, commands);
    EXPECT_GT(commands.size(), 20u);
    for (auto args : commands) {
        args.push_back("--help");
        auto r = run_mesh_command(args);
        std::string name = args.size() > 1 ? args[args.size() - 2] : "mesh";
        EXPECT_EQ(r.exit_code, 0) << name;
        EXPECT_LE(longest_line(r.out), 80u) << name << "\n" << r.out;
        for (const char* clutter : {"TEXT:", "INT:", "FLOAT:", "UINT", " in [", "=text", "Subcommands"})
            EXPECT_EQ(r.out.find(clutter), std::string::npos) << name << ": " << clutter << "\n" << r.out;
    }
}

TEST(ReadableHelp, DescriptionDefaultsAndChoicesReadPlainly) {
    auto r = run_mesh_command({"status", "--help"});
    EXPECT_NE(r.out.find("  --parallel N              At most this many requests at once (default 32)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  -o, --output text|wide|json"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("(default text)"), std::string::npos) << r.out;
    // The long description comes between the summary and the usage line.
    auto usage = r.out.find("Usage: mesh status");
    auto description = r.out.find("\n\n");
    EXPECT_LT(description, usage);
    EXPECT_LT(r.out.find("Examples:\n  mesh status"), std::string::npos);
}

TEST(ReadableHelp, UsageSaysKubectlMeshUnderThePlugin) {
    auto r = run_mesh({"kubectl-mesh", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage: kubectl mesh [OPTIONS] COMMAND\n"), std::string::npos) << r.out;
    r = run_mesh({"kubectl-mesh", "status", "--help"});
    EXPECT_NE(r.out.find("Usage: kubectl mesh status [OPTIONS]\n"), std::string::npos) << r.out;
    r = run_mesh({"kubectl-mesh", "injct"});
    EXPECT_EQ(r.err, "mesh: error: unknown command `injct` for `kubectl mesh`; did you mean `inject`?\n"
                     "Run 'kubectl mesh --help' for usage.\n");
}

TEST(ReadableHelp, WrapsToTheTerminalsWidth) {
    // A pseudo-terminal (util-linux `script`) whose width stty sets.
    std::string mesh = mesh::testing::mesh_binary();
    auto narrow = run_process({"/usr/bin/script", "-qec", "stty cols 60; " + mesh + " status --help", "/dev/null"});
    EXPECT_EQ(narrow.exit_code, 0) << narrow.err;
    EXPECT_LE(longest_line(narrow.out), 60u) << narrow.out;
    EXPECT_NE(narrow.out.find("--parallel"), std::string::npos) << narrow.out;
    auto wide = run_process({"/usr/bin/script", "-qec", "stty cols 160; " + mesh + " status --help", "/dev/null"});
    EXPECT_GT(longest_line(wide.out), 80u) << wide.out;
    EXPECT_LE(longest_line(wide.out), 160u) << wide.out;
}

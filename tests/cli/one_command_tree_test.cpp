// mesh builds only the command its first argument names (start-up cost): that command must then
// answer exactly as it does inside the whole tree, for help and for mistakes.

#include <gtest/gtest.h>

#include <sstream>

#include "cli/command.hpp"
#include "commands/all_commands.hpp"
#include "tests/support/run_in_process.hpp"

namespace {

// Every command path under `app`, as argument lists ("dtab", "dtab fmt", ...).
void collect_command_paths(const CLI::App& app, std::vector<std::string> prefix,
                           std::vector<std::vector<std::string>>& out) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
        std::vector<std::string> path = prefix;
        path.push_back(sub->get_name());
        out.push_back(path);
        collect_command_paths(*sub, path, out);
    }
}

std::vector<std::vector<std::string>> named_command_paths() {
    std::istringstream in;
    std::ostringstream out, err;
    mesh::cli::Io io{in, out, err};
    mesh::cli::Context ctx{io};
    std::vector<std::vector<std::string>> paths;
    for (const auto& command : mesh::commands::all_commands().commands) {
        if (command.name.empty()) continue;
        CLI::App one{"mesh", "mesh"};
        command.add(one, ctx);
        paths.push_back({command.name});
        collect_command_paths(*one.get_subcommand(command.name), {command.name}, paths);
    }
    return paths;
}

std::vector<std::string> with(std::vector<std::string> head, const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

}  // namespace

TEST(OneCommandTree, EveryCommandsHelpIsTheSameAsInTheWholeTree) {
    auto paths = named_command_paths();
    ASSERT_GE(paths.size(), 20u);  // dtab, inject, status, webhook, ... and their subcommands
    for (const auto& path : paths) {
        SCOPED_TRACE(::testing::PrintToString(path));
        auto alone = mesh::testing::run_mesh_command(with(path, {"--help"}));
        auto whole = mesh::testing::run_mesh_command(with({"help"}, path));  // `help` builds the whole tree
        EXPECT_EQ(alone.exit_code, 0);
        EXPECT_EQ(alone.out, whole.out);
        EXPECT_FALSE(alone.out.empty());
    }
}

TEST(OneCommandTree, MistakesInsideACommandAreReportedAsInTheWholeTree) {
    // `--no-color` before the command builds the whole tree and changes nothing else.
    for (const auto& path : named_command_paths()) {
        SCOPED_TRACE(::testing::PrintToString(path));
        auto alone = mesh::testing::run_mesh_command(with(path, {"--no-such-flag"}));
        auto whole = mesh::testing::run_mesh_command(with({"--no-color"}, with(path, {"--no-such-flag"})));
        EXPECT_EQ(alone.exit_code, 2);
        EXPECT_EQ(alone.err, whole.err);
        EXPECT_EQ(alone.out, "");
    }
}

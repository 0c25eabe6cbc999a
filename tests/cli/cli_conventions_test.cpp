// Conventions every command keeps, checked over the whole command tree (so also over commands
// added later): every flag has a long form, and short flags kubectl users know mean what they mean
// in kubectl.

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "cli/command.hpp"
#include "cli/docgen/cli_model.hpp"
#include "commands/all_commands.hpp"

using namespace mesh::cli;

namespace {

CommandModel real_tree(CLI::App& app, Context& ctx) {
    register_every_command(mesh::commands::all_commands(), app, ctx);
    return describe_tree(app);
}

}  // namespace

TEST(CliConventions, EveryFlagHasALongFormAndKubectlShortFlagsKeepTheirMeaning) {
    std::istringstream in;
    std::ostringstream out, err;
    mesh::cli::Io io{in, out, err};
    Context ctx{io};
    CLI::App app{"mesh", "mesh"};
    CommandModel root = real_tree(app, ctx);
    const std::map<std::string, std::string> kubectl = {{"f", "filename"},  {"R", "recursive"}, {"o", "output"},
                                                        {"n", "namespace"}, {"l", "selector"},  {"A", "all-namespaces"},
                                                        {"h", "help"}};
    int checked = 0;
    for (const CommandModel* command : flatten(root)) {
        EXPECT_FALSE(command->summary.empty()) << command->joined(" ") << " has no summary";
        for (const auto& opt : command->options) {
            ++checked;
            std::string where = command->joined(" ") + " " + opt.spellings().front();
            EXPECT_FALSE(opt.long_names.empty()) << where << " has no long form";
            for (const auto& s : opt.short_names) {
                auto it = kubectl.find(s);
                if (it == kubectl.end() || opt.long_names.empty()) continue;
                EXPECT_EQ(opt.long_names.front(), it->second)
                    << where << ": kubectl's -" << s << " is --" << it->second;
            }
        }
    }
    EXPECT_GT(checked, 0);
}

TEST(CliModel, ReadsChoicesFilesAndKindsFromTheTree) {
    CLI::App app{"mesh: test", "mesh"};
    std::string text;
    std::vector<std::string> files;
    CLI::App* sub = add_command(app, "sub", "A command", "Long.", "  mesh sub\n");
    sub->add_option("-o,--output", text, "Format")->check(CLI::IsMember({"yaml", "json"}));
    sub->add_option("-f,--filename", files, "Files");
    sub->add_option("--config", text, "A file")->check(CLI::ExistingFile);
    sub->add_option("--context", text, "Context");
    sub->add_option("-n,--namespace", text, "Namespace");
    sub->add_option("--note", text, "Free text");
    bool dry_run = false;
    sub->add_flag("--dry-run", dry_run, "No changes");
    sub->add_option("manifests", files, "Inputs");
    CLI::App* hidden = app.add_subcommand("hidden", "Hidden");
    hidden->group("");
    CommandModel root = describe_tree(app);

    EXPECT_EQ(root.summary, "test");
    ASSERT_EQ(root.subcommands.size(), 1u);
    const CommandModel& model = root.subcommands[0];
    EXPECT_EQ(model.joined("-"), "mesh-sub");
    EXPECT_EQ(model.description, "Long.");
    EXPECT_EQ(model.examples, "  mesh sub\n");
    std::map<std::string, const OptionModel*> by_name;
    for (const auto& opt : model.options) by_name[opt.spellings().back()] = &opt;
    EXPECT_EQ(by_name.at("--output")->kind, ValueKind::Choice);
    EXPECT_EQ(by_name.at("--output")->choices, (std::vector<std::string>{"yaml", "json"}));
    EXPECT_EQ(by_name.at("--filename")->kind, ValueKind::File);
    EXPECT_TRUE(by_name.at("--filename")->repeatable);
    EXPECT_EQ(by_name.at("--config")->kind, ValueKind::File);
    EXPECT_EQ(by_name.at("--context")->kind, ValueKind::Context);
    EXPECT_EQ(by_name.at("--namespace")->kind, ValueKind::Namespace);
    EXPECT_EQ(by_name.at("--note")->kind, ValueKind::Text);
    EXPECT_EQ(by_name.at("--dry-run")->kind, ValueKind::None);
    ASSERT_EQ(model.positionals.size(), 1u);
    EXPECT_EQ(model.positionals[0].positional_name, "manifests");
    EXPECT_EQ(model.positionals[0].kind, ValueKind::File);
}

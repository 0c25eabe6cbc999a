#include "cli/docgen/generated_docs.hpp"

#include "cli/docgen/completion_scripts.hpp"
#include "cli/docgen/man_page.hpp"

namespace mesh::cli {

static void add_pages(const CommandModel& command, const CommandModel* parent, const std::string& version,
                      std::map<std::string, std::string>& files) {
    files["man/" + man_page_name(command)] = render_man_page(command, parent, version);
    for (const auto& sub : command.subcommands) add_pages(sub, &command, version, files);
}

std::map<std::string, std::string> generated_files(const CommandModel& root, const std::string& version) {
    std::map<std::string, std::string> files;
    add_pages(root, nullptr, version, files);
    files["completions/mesh.bash"] = render_bash_completion(root);
    files["completions/_mesh"] = render_zsh_completion(root);
    files["completions/mesh.fish"] = render_fish_completion(root);
    return files;
}

}  // namespace mesh::cli

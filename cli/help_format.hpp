#pragma once
// How `--help` reads: a summary, the command's description, usage, options with short value
// names and `(default 32)`, commands, then examples, all wrapped to the terminal's width.

#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/io.hpp"

namespace mesh::cli {

/// Columns help is wrapped to: the terminal's width when stdout is one (its size, else $COLUMNS),
/// 80 otherwise, never less than 40.
std::size_t help_width(const Io& io);

/// Wraps plain text to `width` columns: blank lines separate paragraphs, lines indented by two
/// spaces (commands, YAML) are kept as written, "- " bullets wrap under their text; `indent`
/// spaces go before every line.
std::string wrap_text(const std::string& text, std::size_t width, std::size_t indent = 0);

/// The formatter every command's --help uses; install on the root before commands are added.
class HelpFormatter : public CLI::Formatter {
public:
    /// Help wrapped to `width` columns.
    explicit HelpFormatter(std::size_t width);

    std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;
    std::string make_description(const CLI::App* app) const override;
    std::string make_usage(const CLI::App* app, std::string name) const override;
    std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override;
    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override;
    std::string make_option(const CLI::Option* opt, bool is_positional) const override;
    std::string make_option_opts(const CLI::Option* opt) const override;
    std::string make_option_desc(const CLI::Option* opt) const override;
    std::string make_footer(const CLI::App* app) const override;

private:
    std::string two_columns(const std::string& left, const std::string& right, std::size_t column) const;

    std::size_t m_width;
};

}  // namespace mesh::cli

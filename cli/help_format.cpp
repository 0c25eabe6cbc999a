#include "cli/help_format.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <sstream>

#include "cli/command.hpp"
#include "cli/docgen/cli_model.hpp"
#include "cli/docgen/option_display.hpp"

namespace mesh::cli {

namespace {

constexpr std::size_t k_default_width = 80;
constexpr std::size_t k_min_width = 40;
constexpr std::size_t k_option_column = 28;  // where option descriptions start

std::size_t terminal_columns(const Io& io) {
    if (!io.out_is_terminal) return 0;
    struct winsize size {};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (auto columns = io.getenv("COLUMNS")) {
        try {
            return static_cast<std::size_t>(std::stoul(*columns));
        } catch (const std::exception&) {
        }
    }
    return 0;
}

// Words of `line` greedily filled into lines of `width` columns; `first` and `rest` prefix them.
// A word longer than a line gets a line of its own rather than being cut.
void fill(std::ostream& out, const std::string& line, std::size_t width, const std::string& first,
          const std::string& rest) {
    std::istringstream words(line);
    std::string word;
    std::string current = first;
    bool empty = true;
    while (words >> word) {
        if (!empty && current.size() + 1 + word.size() > width) {
            out << current << '\n';
            current = rest;
            empty = true;
        }
        current += (empty ? "" : " ") + word;
        empty = false;
    }
    out << current << '\n';
}

// A command line too long for the width is continued as a shell would read it: " \" at a space,
// the rest indented four more columns. A line without a space to break at stays whole.
void break_command(std::ostream& out, std::string line, std::size_t width) {
    std::size_t indent = line.find_first_not_of(' ');
    std::string continuation(indent + 4, ' ');
    while (line.size() > width) {
        std::size_t space = line.rfind(' ', width - 2);
        if (space == std::string::npos || space <= indent + 4 || line.size() - space < 2) break;
        out << line.substr(0, space) << " \\\n";
        line = continuation + line.substr(space + 1);
    }
    out << line << '\n';
}

// An indented line: kept when it fits; otherwise a term and its text ("  http-proxy  every ...")
// wrap under the text, a deeper-indented line wraps at its indent, and a command (indented two,
// no gap) is continued with a backslash.
void indented(std::ostream& out, const std::string& line, std::size_t width) {
    if (line.size() <= width) {
        out << line << '\n';
        return;
    }
    std::size_t indent = line.find_first_not_of(' ');
    std::size_t gap = line.find("  ", indent);
    std::size_t text = gap == std::string::npos ? std::string::npos : line.find_first_not_of(' ', gap);
    if (text != std::string::npos && text + 20 < width) {
        fill(out, line.substr(text), width, line.substr(0, text), std::string(text, ' '));
    } else if (indent > 2 && indent + 20 < width) {
        fill(out, line.substr(indent), width, std::string(indent, ' '), std::string(indent, ' '));
    } else {
        break_command(out, line, width);
    }
}

std::string join_names(const CLI::Option* opt) {
    std::string out;
    for (const auto& s : opt->get_snames()) out += (out.empty() ? "-" : ", -") + s;
    for (const auto& l : opt->get_lnames()) out += (out.empty() ? "--" : ", --") + l;
    return out;
}

}  // namespace

std::size_t help_width(const Io& io) {
    std::size_t columns = terminal_columns(io);
    if (columns == 0) columns = k_default_width;
    return std::max(columns, k_min_width);
}

std::string wrap_text(const std::string& text, std::size_t width, std::size_t indent) {
    std::ostringstream out;
    std::string pad(indent, ' ');
    for (const auto& line : split_lines(text)) {
        if (line.find_first_not_of(' ') == std::string::npos) {
            out << '\n';
        } else if (line.rfind("  ", 0) == 0) {
            indented(out, pad + line, width);  // commands, lists of terms: kept when they fit
        } else if (line.rfind("- ", 0) == 0) {
            fill(out, line.substr(2), width, pad + "- ", pad + "  ");
        } else {
            fill(out, line, width, pad, pad);
        }
    }
    return out.str();
}

HelpFormatter::HelpFormatter(std::size_t width) : m_width(width) {
    column_width(k_option_column);
    label("Positionals", "Arguments");
    label("SUBCOMMAND", "COMMAND");
    label("SUBCOMMANDS", "COMMAND");
    label("Subcommands", "Commands");
}

std::string HelpFormatter::two_columns(const std::string& left, const std::string& right, std::size_t column) const {
    std::ostringstream out;
    std::string head = "  " + left;
    std::string pad(column, ' ');
    if (right.empty()) return head + '\n';
    // Below about 20 columns for the text, wrapping helps less than one long line hurts.
    std::size_t width = std::max(m_width, column + 20);
    if (head.size() + 1 > column) {
        out << head << '\n';
        head = pad;
    } else {
        head.resize(column, ' ');
    }
    fill(out, right, width, head, pad);
    return out.str();
}

std::string HelpFormatter::make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const {
    if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
    std::vector<std::string> sections;
    sections.push_back(make_description(app));
    sections.push_back(make_usage(app, name));
    auto positionals =
        app->get_options([](const CLI::Option* opt) { return !opt->get_group().empty() && opt->get_positional(); });
    if (!positionals.empty()) sections.push_back(make_group(get_label("Positionals"), true, positionals));
    for (const std::string& group : app->get_groups()) {
        if (group.empty()) continue;
        auto opts = app->get_options(
            [&group](const CLI::Option* opt) { return opt->get_group() == group && opt->nonpositional(); });
        if (!opts.empty()) sections.push_back(make_group(group, false, opts));
    }
    sections.push_back(make_subcommands(app, mode));
    sections.push_back(make_footer(app));
    std::string out;
    for (const auto& section : sections) {
        if (section.empty()) continue;
        out += (out.empty() ? "" : "\n") + section;
    }
    return out;
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
    std::string out = wrap_text(app->get_description(), m_width);
    std::string more = command_long_description(*app);
    if (!more.empty()) out += '\n' + wrap_text(more, m_width);
    return out;
}

std::string HelpFormatter::make_usage(const CLI::App* app, std::string name) const {
    std::string usage = CLI::Formatter::make_usage(app, std::move(name));
    if (!usage.empty() && usage.back() == '\n') usage.pop_back();
    return wrap_text(usage, m_width);
}

std::string HelpFormatter::make_group(std::string group, bool is_positional,
                                      std::vector<const CLI::Option*> opts) const {
    std::string out = group + ":\n";
    for (const CLI::Option* opt : opts) out += make_option(opt, is_positional);
    return out;
}

std::string HelpFormatter::make_subcommands(const CLI::App* app, CLI::AppFormatMode) const {
    auto subcommands =
        app->get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty() && !sub->get_name().empty(); });
    if (subcommands.empty()) return {};
    // Command names are short: their descriptions start just after the longest.
    std::size_t column = 0;
    for (const CLI::App* sub : subcommands) column = std::max(column, sub->get_name().size() + 4);
    std::string out = get_label("Subcommands") + ":\n";
    for (const CLI::App* sub : subcommands)
        out += two_columns(sub->get_name(), sub->get_description(), std::min(column, k_option_column));
    return out;
}

std::string HelpFormatter::make_option(const CLI::Option* opt, bool is_positional) const {
    std::string left = is_positional ? opt->get_name(true, false) : join_names(opt) + make_option_opts(opt);
    return two_columns(left, make_option_desc(opt), k_option_column);
}

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
    if (!opt->get_option_text().empty()) return " " + opt->get_option_text();
    std::string value = value_placeholder(describe_option(*opt));
    if (value.empty()) return {};  // a flag
    std::string out = " " + value;
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
    return out;
}

std::string HelpFormatter::make_option_desc(const CLI::Option* opt) const {
    std::string out = opt->get_description();
    std::string value = opt->get_default_str();
    if (opt->get_items_expected_max() != 0 && !value.empty() && out.find("(default") == std::string::npos)
        out += " (default " + value + ")";
    if (opt->get_required()) out += " (required)";
    return out;
}

std::string HelpFormatter::make_footer(const CLI::App* app) const {
    std::string footer = app->get_footer();
    while (!footer.empty() && footer.front() == '\n') footer.erase(0, 1);
    return footer.empty() ? std::string() : wrap_text(footer, m_width);
}

}  // namespace mesh::cli

#include "cli/docgen/man_page.hpp"

#include "cli/docgen/option_display.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace mesh::cli {

std::string man_page_name(const CommandModel& command) { return command.joined("-") + ".1"; }

std::string roff_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";  // a minus, so options copied from the page work in a shell
        } else {
            out += c;
        }
    }
    // A line starting with . or ' would be read as a request.
    if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
    return out;
}

std::string roff_prose(const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto open = text.find('`', pos);
        auto close = open == std::string::npos ? std::string::npos : text.find('`', open + 1);
        if (close == std::string::npos || close == open + 1) {
            out += text.substr(pos);
            break;
        }
        out += text.substr(pos, open - pos) + '\x01' + text.substr(open + 1, close - open - 1) + '\x02';
        pos = close + 1;
    }
    // Escape first, then turn the markers into font changes, so the escapes stay intact.
    std::string escaped = roff_escape(out), roff;
    for (char c : escaped) {
        if (c == '\x01')
            roff += "\\fB";
        else if (c == '\x02')
            roff += "\\fR";
        else
            roff += c;
    }
    return roff;
}

std::string without_code_marks(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != '`') out += c;
    return out;
}

static std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

static std::string trim(const std::string& text) {
    auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

static std::string with_period(std::string text) {
    if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
    return text;
}

// Hand-written text is plain: blank lines split paragraphs, lines indented by two or more spaces
// are kept as they are (commands, YAML), lines starting with "- " are bullets.
static void write_text(std::ostream& out, const std::string& text) {
    enum class Mode { None, Fill, Verbatim };
    Mode mode = Mode::None;
    auto close_verbatim = [&] {
        if (mode == Mode::Verbatim) out << ".fi\n.RE\n";
    };
    for (const auto& raw : split_lines(text)) {
        std::string line = raw;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty()) {
            close_verbatim();
            mode = Mode::None;
            continue;
        }
        bool indented = line.rfind("  ", 0) == 0;
        bool bullet = line.rfind("- ", 0) == 0;
        if (indented && mode != Mode::Verbatim) {
            out << ".PP\n.RS 4\n.nf\n";
            mode = Mode::Verbatim;
        } else if (!indented && mode == Mode::Verbatim) {
            close_verbatim();
            mode = Mode::None;
        }
        if (mode == Mode::Verbatim) {
            out << roff_escape(line.substr(2)) << '\n';
        } else if (bullet) {
            out << ".IP \\(bu 2\n" << roff_prose(trim(line.substr(2))) << '\n';
            mode = Mode::Fill;
        } else {
            if (mode == Mode::None) out << ".PP\n";
            out << roff_prose(trim(line)) << '\n';
            mode = Mode::Fill;
        }
    }
    close_verbatim();
}

static std::string option_heading(const OptionModel& opt) {
    std::string out;
    for (const auto& spelling : opt.spellings())
        out += (out.empty() ? "" : ", ") + std::string("\\fB") + roff_escape(spelling) + "\\fR";
    if (opt.kind != ValueKind::None) {
        std::string value = value_placeholder(opt);
        out += " \\fI" + roff_escape(value) + "\\fR";
    }
    return out;
}

static std::string option_body(const OptionModel& opt) {
    std::string out = with_period(opt.description);
    if (!opt.choices.empty()) {
        out += " One of:";
        for (std::size_t i = 0; i < opt.choices.size(); ++i) out += (i ? ", " : " ") + opt.choices[i];
        out += '.';
    }
    if (!opt.default_value.empty()) out += " Default: " + opt.default_value + '.';
    if (opt.required) out += " Required.";
    if (opt.repeatable && !opt.positional_name.empty()) out += " May be given more than once.";
    return trim(out);
}

static std::string positional_display(const OptionModel& opt) {
    std::string name = "\\fI" + roff_escape(upper(opt.positional_name)) + "\\fR";
    if (opt.repeatable) name += "...";
    return opt.required ? name : "[" + name + "]";
}

static void write_synopsis(std::ostream& out, const CommandModel& command) {
    out << ".SH SYNOPSIS\n.B " << roff_escape(command.joined(" ")) << '\n';
    std::string rest;
    if (!command.options.empty()) rest += "[\\fIOPTIONS\\fR]";
    for (const auto& positional : command.positionals)
        rest += (rest.empty() ? "" : " ") + positional_display(positional);
    if (!command.subcommands.empty()) rest += std::string(rest.empty() ? "" : " ") + "\\fICOMMAND\\fR";
    if (!rest.empty()) out << rest << '\n';
}

static void write_exit_status(std::ostream& out) {
    out << ".SH EXIT STATUS\n"
           ".TP\n.B 0\nSuccess.\n"
           ".TP\n.B 1\nThe command could not do its job: bad input, a refusal, an I/O or network "
           "failure.\n"
           ".TP\n.B 2\nUsage error: an unknown flag, a missing or invalid argument.\n"
           ".TP\n.B 3\nThe command ran and reports a finding: changes under \\-\\-diff, lint "
           "findings, failing checks.\n"
           ".TP\n.B 130\nInterrupted.\n";
}

static void write_environment(std::ostream& out) {
    out << ".SH ENVIRONMENT\n"
           ".TP\n.B NO_COLOR\nWhen set to a non\\-empty value, no colour or check marks are "
           "printed. Colour is also off when the output is not a terminal, and with "
           "\\fB\\-\\-no\\-color\\fR.\n"
           ".TP\n.B KUBECONFIG\nThe kubeconfig files to read (colon separated) when "
           "\\fB\\-\\-kubeconfig\\fR is not given; the default is \\fI~/.kube/config\\fR.\n";
}

static void write_see_also(std::ostream& out, const CommandModel& command, const CommandModel* parent) {
    std::vector<std::string> refs;
    if (parent) refs.push_back(parent->joined("-"));
    for (const auto& sub : command.subcommands) refs.push_back(sub.joined("-"));
    if (command.path.size() == 1) refs.push_back("kubectl");
    if (refs.empty()) return;
    out << ".SH SEE ALSO\n";
    for (std::size_t i = 0; i < refs.size(); ++i)
        out << "\\fB" << roff_escape(refs[i]) << "\\fR(1)" << (i + 1 < refs.size() ? ",\n" : "\n");
}

std::string render_man_page(const CommandModel& command, const CommandModel* parent, const std::string& version) {
    std::ostringstream out;
    std::string title = upper(command.joined("-"));
    out << ".\\\" Generated from mesh's command tree by `mesh __generate man`; do not edit.\n"
        << ".\\\" Change the command's description and examples beside its code instead.\n"
        << ".TH \"" << roff_escape(title) << "\" \"1\" \"\" \"mesh " << roff_escape(version) << "\" \"mesh manual\"\n";
    out << ".SH NAME\n"
        << roff_escape(command.joined("-")) << " \\- " << roff_escape(without_code_marks(command.summary)) << '\n';
    write_synopsis(out, command);
    out << ".SH DESCRIPTION\n";
    write_text(out, command.description.empty() ? with_period(command.summary) : command.description);
    if (!command.subcommands.empty()) {
        out << ".SH COMMANDS\n";
        for (const auto& sub : command.subcommands) {
            out << ".TP\n\\fB" << roff_escape(sub.path.back()) << "\\fR\n"
                << roff_prose(with_period(sub.summary)) << " See \\fB" << roff_escape(sub.joined("-")) << "\\fR(1).\n";
        }
    }
    if (!command.positionals.empty()) {
        out << ".SH ARGUMENTS\n";
        for (const auto& positional : command.positionals)
            out << ".TP\n\\fI" << roff_escape(upper(positional.positional_name)) << "\\fR\n"
                << roff_prose(option_body(positional)) << '\n';
    }
    if (!command.options.empty()) {
        out << ".SH OPTIONS\n";
        for (const auto& opt : command.options)
            out << ".TP\n" << option_heading(opt) << '\n' << roff_prose(option_body(opt)) << '\n';
    }
    if (!command.examples.empty()) {
        out << ".SH EXAMPLES\n";
        write_text(out, command.examples);
    }
    write_exit_status(out);
    if (command.path.size() == 1) write_environment(out);
    write_see_also(out, command, parent);
    return out.str();
}

}  // namespace mesh::cli

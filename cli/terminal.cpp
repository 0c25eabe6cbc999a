#include "cli/terminal.hpp"

#include <fmt/format.h>

namespace mesh::cli {

bool no_color_env(const cli::Io& io) {
    auto value = io.getenv("NO_COLOR");
    return value && !value->empty();
}

bool colour_allowed(const cli::Io& io, Stream stream) {
    bool terminal = stream == Stream::Out ? io.out_is_terminal : io.err_is_terminal;
    return terminal && io.colour && !no_color_env(io);
}

CLI::Option* add_no_color_flag(CLI::App& command, Context& ctx) {
    return command.add_flag_callback(
        "--no-color", [&ctx] { ctx.io.colour = false; },
        "Print no colour or check marks (also when NO_COLOR is set or output is not a terminal)");
}

void add_no_color_everywhere(CLI::App& app, Context& ctx) {
    if (app.get_option_no_throw("--no-color") == nullptr) add_no_color_flag(app, ctx);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) add_no_color_everywhere(*sub, ctx);
}

std::string paint(bool colour, Style style, const std::string& text) {
    if (!colour) return text;
    const char* code = "";
    switch (style) {
    case Style::Bold: code = "1"; break;
    case Style::Dim: code = "2"; break;
    case Style::Red: code = "31"; break;
    case Style::Green: code = "32"; break;
    case Style::Yellow: code = "33"; break;
    }
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

std::string mark(bool colour, Mark which) {
    switch (which) {
    case Mark::Ok: return colour ? paint(true, Style::Green, "\u221a") : "[ok]";
    case Mark::Fail: return colour ? paint(true, Style::Red, "\u00d7") : "[FAIL]";
    case Mark::Warn: return colour ? paint(true, Style::Yellow, "\u203c") : "[warn]";
    }
    return {};
}

ProgressReporter::ProgressReporter(cli::Io& io, std::string what, std::size_t total)
    : m_io(io), m_what(std::move(what)), m_total(total), m_enabled(io.err_is_terminal) {}

ProgressReporter::~ProgressReporter() { finish(); }

void ProgressReporter::advance(const std::string& item) {
    ++m_done;
    if (!m_enabled) return;
    // Redrawing on every step would make a many-file run terminal-bound.
    auto now = std::chrono::steady_clock::now();
    bool last = m_total != 0 && m_done == m_total;
    if (m_drawn && !last && now - m_last_draw < std::chrono::milliseconds(100)) return;
    m_last_draw = now;
    draw(item);
}

void ProgressReporter::draw(const std::string& item) {
    std::string counter = m_total ? fmt::format("{}/{}", m_done, m_total) : fmt::format("{}", m_done);
    std::string line = fmt::format("{}: {}", m_what, counter);
    if (!item.empty()) line += " " + item;
    if (line.size() > 100) line = line.substr(0, 97) + "...";  // one terminal row, no wrapping
    // \r back to column 0, \x1b[K erases what a longer previous line left.
    m_io.err << '\r' << line << "\x1b[K" << std::flush;
    m_drawn = true;
}

void ProgressReporter::finish() {
    if (m_enabled && m_drawn) m_io.err << "\r\x1b[K" << std::flush;
    m_enabled = false;
}

}  // namespace mesh::cli

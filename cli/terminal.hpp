#pragma once
// Terminal manners every command shares: colour and check marks only on a terminal and never
// with NO_COLOR or --no-color; progress on stderr only when stderr is a terminal.

#include <chrono>
#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/io.hpp"

namespace mesh::cli {

/// Which standard stream a piece of output goes to.
enum class Stream { Out, Err };

/// True when NO_COLOR is set to a non-empty value (the no-color.org convention).
bool no_color_env(const cli::Io& io);

/// True when colour and symbols may be written to `stream`: it is a terminal, NO_COLOR is not set
/// and colour was not turned off (io.colour false, as --no-color makes it).
bool colour_allowed(const cli::Io& io, Stream stream);

/// Adds `--no-color` to `command`; given, it turns colour off for the run.
CLI::Option* add_no_color_flag(CLI::App& command, Context& ctx);

/// Adds `--no-color` to `app` and every command below it that does not have one yet.
void add_no_color_everywhere(CLI::App& app, Context& ctx);

/// Text styles for people's output.
enum class Style { Bold, Dim, Red, Green, Yellow };

/// `text` wrapped in the style's ANSI codes when `colour` is true, unchanged otherwise.
std::string paint(bool colour, Style style, const std::string& text);

/// Check results, as `linkerd check` marks them.
enum class Mark { Ok, Fail, Warn };

/// "√", "×", "‼" in green, red, yellow when `colour`; "[ok]", "[FAIL]", "[warn]" otherwise.
std::string mark(bool colour, Mark which);

/// Shows "what: done/total item" on one stderr line rewritten in place, at most ten times a
/// second, and clears it when finished. Prints nothing at all unless stderr is a terminal, so
/// piped or redirected runs stay clean.
class ProgressReporter {
public:
    /// `total` 0 means unknown (the count is shown without a total).
    ProgressReporter(cli::Io& io, std::string what, std::size_t total);
    ~ProgressReporter();
    ProgressReporter(const ProgressReporter&) = delete;
    ProgressReporter& operator=(const ProgressReporter&) = delete;

    /// One more unit done; `item` names it (a file, a pod).
    void advance(const std::string& item = {});
    /// Erases the progress line; later calls to advance print nothing.
    void finish();
    /// True when this reporter writes anything.
    bool enabled() const { return m_enabled; }

private:
    void draw(const std::string& item);

    cli::Io& m_io;
    std::string m_what;
    std::size_t m_total;
    std::size_t m_done = 0;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_last_draw{};
};

}  // namespace mesh::cli

// Colour, marks and progress follow the terminal, NO_COLOR and --no-color.

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "cli/run_main.hpp"
#include "cli/terminal.hpp"
#include "commands/all_commands.hpp"

using namespace mesh::cli;
using mesh::cli::Io;

namespace {

struct Streams {
    std::istringstream in;
    std::ostringstream out, err;
    std::map<std::string, std::string> env;
    Io io{in, out, err};
    Streams(bool out_tty, bool err_tty) {
        io.out_is_terminal = out_tty;
        io.err_is_terminal = err_tty;
        io.colour = true;
        io.getenv = [this](const std::string& name) -> std::optional<std::string> {
            auto it = env.find(name);
            return it == env.end() ? std::nullopt : std::optional(it->second);
        };
    }
};

}  // namespace

TEST(Terminal, ColourOnlyOnATerminalWithoutNoColor) {
    Streams tty(true, true);
    EXPECT_TRUE(colour_allowed(tty.io, Stream::Out));
    EXPECT_TRUE(colour_allowed(tty.io, Stream::Err));
    Streams piped(false, true);
    EXPECT_FALSE(colour_allowed(piped.io, Stream::Out));
    EXPECT_TRUE(colour_allowed(piped.io, Stream::Err));
    tty.env["NO_COLOR"] = "1";
    EXPECT_FALSE(colour_allowed(tty.io, Stream::Out));
    tty.env["NO_COLOR"] = "";  // no-color.org: only a non-empty value counts
    EXPECT_TRUE(colour_allowed(tty.io, Stream::Out));
    tty.io.colour = false;  // what --no-color does
    EXPECT_FALSE(colour_allowed(tty.io, Stream::Err));
}

TEST(Terminal, NoColorFlagWorksOnEveryCommandAndTurnsColourOff) {
    Streams s(true, true);
    mesh::cli::Context ctx{s.io};
    CLI::App app{"test", "mesh"};
    CLI::App* sub = app.add_subcommand("sub", "A command");
    sub->add_subcommand("deeper", "A nested command");
    add_no_color_everywhere(app, ctx);
    add_no_color_everywhere(app, ctx);                                   // twice is harmless
    app.parse(std::vector<std::string>{"--no-color", "deeper", "sub"});  // reversed argv
    EXPECT_FALSE(s.io.colour);
    EXPECT_FALSE(colour_allowed(s.io, Stream::Out));
}

TEST(Terminal, NoColorFlagIsAcceptedByRealCommands) {
    std::istringstream in;
    std::ostringstream out, err;
    Io io{in, out, err};
    EXPECT_EQ(mesh::cli::run_main({"mesh", "version", "--no-color"}, io, mesh::commands::all_commands()), 0)
        << err.str();
    EXPECT_EQ(mesh::cli::run_main({"mesh", "--no-color", "version"}, io, mesh::commands::all_commands()), 0)
        << err.str();
}

TEST(Terminal, PaintAndMarks) {
    EXPECT_EQ(paint(false, Style::Red, "x"), "x");
    EXPECT_EQ(paint(true, Style::Red, "x"), "\x1b[31mx\x1b[0m");
    EXPECT_EQ(mark(false, Mark::Ok), "[ok]");
    EXPECT_EQ(mark(false, Mark::Fail), "[FAIL]");
    EXPECT_EQ(mark(false, Mark::Warn), "[warn]");
    EXPECT_NE(mark(true, Mark::Ok).find("\u221a"), std::string::npos);
}

TEST(Terminal, ProgressIsSilentWhenStderrIsNotATerminal) {
    Streams piped(true, false);
    {
        ProgressReporter progress(piped.io, "injecting", 3);
        EXPECT_FALSE(progress.enabled());
        for (int i = 0; i < 3; ++i) progress.advance("file.yml");
    }
    EXPECT_EQ(piped.err.str(), "");
}

TEST(Terminal, ProgressOnATerminalRewritesOneLineAndClearsIt) {
    Streams tty(false, true);
    {
        ProgressReporter progress(tty.io, "injecting", 2);
        progress.advance("a.yml");
        progress.advance("b.yml");  // the last step is always drawn
    }
    std::string err = tty.err.str();
    EXPECT_NE(err.find("\rinjecting: 1/2 a.yml\x1b[K"), std::string::npos) << err;
    EXPECT_NE(err.find("\rinjecting: 2/2 b.yml\x1b[K"), std::string::npos) << err;
    EXPECT_EQ(err.substr(err.size() - 4), "\r\x1b[K");  // cleared at the end
    EXPECT_EQ(err.find('\n'), std::string::npos);
}

TEST(Terminal, ProgressThrottlesRedraws) {
    Streams tty(false, true);
    ProgressReporter progress(tty.io, "pods", 0);
    for (int i = 0; i < 1000; ++i) progress.advance();
    progress.finish();
    progress.advance();  // after finish: silent
    std::string err = tty.err.str();
    std::size_t draws = 0;
    for (std::size_t p = err.find("pods:"); p != std::string::npos; p = err.find("pods:", p + 1)) ++draws;
    EXPECT_GE(draws, 1u);
    EXPECT_LT(draws, 100u);  // 1000 steps in well under 10 s: at most a handful of redraws
}

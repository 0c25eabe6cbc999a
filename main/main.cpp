// mesh: one executable over libmesh. Here the command families meet the framework.

#include <unistd.h>

#include <iostream>

#include "cli/run_main.hpp"
#include "commands/all_commands.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv, argv + argc);
    mesh::cli::Io io{std::cin, std::cout, std::cerr};
    io.out_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    io.err_is_terminal = ::isatty(STDERR_FILENO) == 1;
    // The master switch; commands ask cli::colour_allowed(io, stream) for each stream.
    io.colour = (io.out_is_terminal || io.err_is_terminal) && !io.getenv("NO_COLOR");
    int code = mesh::cli::run_main(args, io, mesh::commands::all_commands());
    std::cout.flush();
    return code;
}

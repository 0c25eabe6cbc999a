#pragma once
// The streams and environment a command runs against; tests pass string streams.

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>

namespace mesh::cli {

/// Standard streams, terminal facts and environment for one invocation.
struct Io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
    bool out_is_terminal = false;
    bool err_is_terminal = false;
    /// Looks up an environment variable; tests replace it to stay hermetic.
    std::function<std::optional<std::string>(const std::string&)> getenv = [](const std::string& n) {
        const char* v = std::getenv(n.c_str());
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
    /// True when colour and symbols are allowed on stderr/stdout (terminal, no NO_COLOR).
    bool colour = false;
};

}  // namespace mesh::cli

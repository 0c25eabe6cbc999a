#pragma once
// One reading of mesh's timeout and interval flags: `5` and `0.5` are seconds, `500ms`, `5s`,
// `1m` and `1h` carry their unit.

#include <chrono>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "libmesh/core/error.hpp"

namespace mesh::cli {

/// Seconds as a floating-point duration: what the duration flags store.
using Seconds = std::chrono::duration<double>;

/// Parses a bare number of seconds or a number followed by ms, s, m or h; no sign, no exponent.
/// The error says what is accepted and quotes at most 32 characters of `text`.
core::Result<Seconds> parse_duration(std::string_view text);

/// `seconds` written back the way the flags accept it: `500ms`, `5s`, `1m`, `0.05s`.
std::string format_duration(double seconds);

/// The accepted range of one duration flag, in seconds.
struct DurationRange {
    double min_s;
    double max_s;
};

/// Adds a duration flag storing seconds in `seconds`; a value outside `range` is a usage error
/// naming the range. --help shows the current value of `seconds` as the default.
CLI::Option* add_duration_option(CLI::App& command, const std::string& name, double& seconds, const std::string& help,
                                 DurationRange range);

}  // namespace mesh::cli

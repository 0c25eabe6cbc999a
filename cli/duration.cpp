#include "cli/duration.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace mesh::cli {

namespace {

// Enough to recognise the value in a message, never a wall of digits.
std::string shown_value(std::string_view text) {
    constexpr std::size_t k_shown = 32;
    std::string shown(text.substr(0, k_shown));
    if (text.size() > k_shown) shown += "...";
    return "'" + shown + "'";
}

core::Error not_a_duration(std::string_view text) {
    return core::Error{
        core::ErrorCode::Usage, shown_value(text) + " is not a duration (e.g. 5, 0.5, 5s, 500ms, 1m)", {}, {}};
}

}  // namespace

core::Result<Seconds> parse_duration(std::string_view text) {
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
    }
    // 20 significant characters are far beyond any sensible timeout and keep strtod exact enough.
    if (digits == 0 || i > 20) return tl::unexpected(not_a_duration(text));
    std::string number(text.substr(0, i));
    std::string_view unit = text.substr(i);
    double scale = 0;
    if (unit.empty() || unit == "s")
        scale = 1;
    else if (unit == "ms")
        scale = 0.001;
    else if (unit == "m")
        scale = 60;
    else if (unit == "h")
        scale = 3600;
    else
        return tl::unexpected(not_a_duration(text));
    return Seconds(std::strtod(number.c_str(), nullptr) * scale);
}

std::string format_duration(double seconds) {
    if (seconds != 0 && seconds < 1 && std::fmod(seconds * 1000, 1) == 0) return fmt::format("{}ms", seconds * 1000);
    if (seconds >= 3600 && std::fmod(seconds, 3600) == 0) return fmt::format("{}h", seconds / 3600);
    if (seconds >= 60 && std::fmod(seconds, 60) == 0) return fmt::format("{}m", seconds / 60);
    return fmt::format("{}s", seconds);
}

CLI::Option* add_duration_option(CLI::App& command, const std::string& name, double& seconds, const std::string& help,
                                 DurationRange range) {
    CLI::Option* option = command.add_option_function<std::string>(
        name, [&seconds](const std::string& value) { seconds = parse_duration(value)->count(); }, help);
    option->type_name("DURATION");
    option->default_str(format_duration(seconds));
    option->check(CLI::Validator(
        [range](std::string& value) -> std::string {
            auto parsed = parse_duration(value);
            if (!parsed) return parsed.error().message;
            if (parsed->count() < range.min_s || parsed->count() > range.max_s)
                return fmt::format("{} is out of range: {} to {}", shown_value(value), format_duration(range.min_s),
                                   format_duration(range.max_s));
            return {};
        },
        ""));
    return option;
}

}  // namespace mesh::cli

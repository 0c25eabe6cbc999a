#include "cli/diff_colour.hpp"

namespace mesh::cli {

namespace {

// git's color.diff defaults: meta bold, frag cyan, old red, new green.
const char* colour_of(const std::string& line, bool in_header) {
    if (in_header && (line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0)) return "\x1b[1m";
    if (line.rfind("@@", 0) == 0) return "\x1b[36m";
    if (line.rfind("-", 0) == 0) return "\x1b[31m";
    if (line.rfind("+", 0) == 0) return "\x1b[32m";
    return nullptr;
}

}  // namespace

std::string colour_diff(const std::string& diff) {
    std::string out;
    out.reserve(diff.size() + diff.size() / 8);
    bool in_header = true;  // "--- a/x" and "+++ b/x" come before a file's first hunk
    std::size_t pos = 0;
    while (pos < diff.size()) {
        auto nl = diff.find('\n', pos);
        std::size_t end = nl == std::string::npos ? diff.size() : nl;
        std::string line = diff.substr(pos, end - pos);
        if (line.rfind("--- ", 0) == 0 && !in_header) {
            // A new file's header: the previous file's hunks are over. A removed line reading
            // "-- x" would look the same, so only a "---" followed by "+++" counts.
            auto next = diff.find('\n', end + 1);
            std::string following =
                diff.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1);
            if (following.rfind("+++ ", 0) == 0) in_header = true;
        }
        if (line.rfind("@@", 0) == 0) in_header = false;
        const char* colour = colour_of(line, in_header);
        out += colour ? colour + line + "\x1b[0m" : line;
        if (nl != std::string::npos) out += '\n';
        pos = end + 1;
    }
    return out;
}

}  // namespace mesh::cli

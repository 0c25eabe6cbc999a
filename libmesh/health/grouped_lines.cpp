#include "libmesh/health/grouped_lines.hpp"

#include <map>
#include <variant>

#include <fmt/format.h>

namespace mesh::health {

namespace {

struct Group {
    std::string reason;
    std::vector<std::string> names;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        lines.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return lines;
}

}  // namespace

std::vector<std::string> grouped_error_lines(const std::string& error, std::size_t names_shown) {
    // Each output line is either verbatim text or a group, in order of first appearance.
    std::vector<std::variant<std::string, std::size_t>> order;
    std::vector<Group> groups;
    std::map<std::string, std::size_t> group_of_reason;
    for (const auto& line : lines_of(error)) {
        auto colon = line.find(": ");
        if (line.rfind("* ", 0) != 0 || colon == std::string::npos) {
            order.emplace_back(line);
            continue;
        }
        std::string name = line.substr(2, colon - 2), reason = line.substr(colon + 2);
        auto [it, fresh] = group_of_reason.emplace(reason, groups.size());
        if (fresh) {
            groups.push_back({reason, {}});
            order.emplace_back(it->second);
        }
        groups[it->second].names.push_back(std::move(name));
    }
    std::vector<std::string> out;
    for (const auto& entry : order) {
        if (const auto* text = std::get_if<std::string>(&entry)) {
            out.push_back(*text);
            continue;
        }
        const Group& g = groups[std::get<std::size_t>(entry)];
        if (g.names.size() == 1) {
            out.push_back(fmt::format("* {}: {}", g.names.front(), g.reason));
            continue;
        }
        std::size_t shown = std::min(names_shown, g.names.size());
        std::string names;
        for (std::size_t i = 0; i < shown; ++i) names += (i ? ", " : "") + g.names[i];
        if (shown < g.names.size()) names += fmt::format(" and {} more", g.names.size() - shown);
        out.push_back(fmt::format("* {}: {} ({})", g.reason, g.names.size(), names));
    }
    return out;
}

}  // namespace mesh::health

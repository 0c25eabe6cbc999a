#include "libmesh/admin/server_info.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace mesh::admin {

std::optional<std::string> version_from_server_info(std::string_view body) {
    if (body.size() > (1u << 20)) return std::nullopt;
    // twitter-server's own docs show a trailing comma; accept what nlohmann accepts, no more.
    auto j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    auto it = j.find("version");
    if (it == j.end() || !it->is_string()) return std::nullopt;
    std::string v = it->get<std::string>();
    if (v.empty() || v == "0.0" || v == "unknown") return std::nullopt;  // 1.7.3+ lost its build info
    return v;
}

std::optional<std::string> version_from_html(std::string_view body) {
    // A plain scan, not std::regex: libstdc++'s regex recurses per character and can overflow
    // the stack on a large hostile page.
    for (std::string_view marker : {std::string_view("data-linkerd-version=\""), std::string_view("version ")}) {
        std::size_t pos = 0;
        while ((pos = body.find(marker, pos)) != std::string_view::npos) {
            pos += marker.size();
            std::size_t end = pos;
            while (end < body.size() && end - pos < 64 && body[end] != '"' && body[end] != '<' &&
                   !std::isspace(static_cast<unsigned char>(body[end])))
                ++end;
            if (end > pos && std::isdigit(static_cast<unsigned char>(body[pos])))
                return std::string(body.substr(pos, end - pos));
        }
    }
    return std::nullopt;
}

bool is_pong(std::string_view body) {
    auto start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    auto end = body.find_last_not_of(" \t\r\n");
    return body.substr(start, end - start + 1) == "pong";
}

}  // namespace mesh::admin

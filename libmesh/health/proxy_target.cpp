#include "libmesh/health/proxy_target.hpp"

#include <fmt/format.h>

#include <cctype>

#include "libmesh/core/escape.hpp"
#include "libmesh/core/redact_url.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/core/text_position.hpp"

namespace mesh::health {

// `%XX` escapes decoded, as in a URL's user info (RFC 3986); false on a malformed escape.
static bool percent_decode(std::string_view in, std::string& out) {
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(in[i + 2])))
            return false;
        out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
        i += 2;
    }
    return true;
}

static bool valid_port(std::string_view p) {
    if (p.empty() || p.size() > 5) return false;
    for (char c : p)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    int v = std::stoi(std::string(p));
    return v > 0 && v < 65536;
}

core::Result<ProxyTarget> parse_proxy_address(std::string_view address, int default_port) {
    // What errors and the NAME column show: user info and token-like query parameters masked.
    const std::string shown = core::escape_control(core::redact_url(std::string(address)));
    auto bad = [&](const std::string& why) {
        return core::usage_error(fmt::format("bad proxy address '{}': {}", shown, why));
    };
    if (address.empty()) return bad("empty");
    for (char c : address)
        if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
            return bad("contains white space or control characters");
    ProxyTarget t;
    t.name = shown;
    std::string_view rest = address;
    std::string scheme = "http";
    if (auto sep = address.find("://"); sep != std::string_view::npos) {
        scheme = std::string(address.substr(0, sep));
        if (scheme != "http" && scheme != "https") return bad("only http:// and https:// are supported");
        rest = address.substr(sep + 3);
    }
    std::string_view path;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        path = rest.substr(slash);
        rest = rest.substr(0, slash);
    }
    // `user:password@` is sent as basic auth, as curl does (an admin server behind an auth proxy).
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        std::string_view user_info = rest.substr(0, at);
        rest = rest.substr(at + 1);
        auto colon = user_info.find(':');
        auto& auth = t.request_template.auth;
        if (!percent_decode(user_info.substr(0, colon), auth.username) ||
            (colon != std::string_view::npos && !percent_decode(user_info.substr(colon + 1), auth.password)))
            return bad("bad %-escape in the user info");
        if (auth.username.empty()) return bad("user info without a user name");
    }
    std::string host;
    std::string port = std::to_string(default_port);
    if (!rest.empty() && rest.front() == '[') {
        auto close = rest.find(']');
        if (close == std::string_view::npos) return bad("unterminated '['");
        host = std::string(rest.substr(0, close + 1));
        auto after = rest.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':' || !valid_port(after.substr(1))) return bad("bad port");
            port = std::string(after.substr(1));
        }
    } else {
        auto colon = rest.rfind(':');
        if (colon != std::string_view::npos) {
            if (!valid_port(rest.substr(colon + 1))) return bad("bad port");
            port = std::string(rest.substr(colon + 1));
            host = std::string(rest.substr(0, colon));
        } else {
            host = std::string(rest);
        }
    }
    if (host.empty()) return bad("no host");
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    t.base_url = fmt::format("{}://{}:{}{}", scheme, host, port, path);
    return t;
}

core::Result<std::vector<ProxyTarget>> parse_proxies_file(std::string_view text, const std::string& file_name) {
    std::vector<ProxyTarget> out;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line_no;
        if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        auto start = line.find_first_not_of(" \t\r");
        if (start == std::string_view::npos) continue;
        auto end = line.find_last_not_of(" \t\r");
        auto address = line.substr(start, end - start + 1);
        auto target = parse_proxy_address(address);
        if (!target) {
            core::Error e = target.error();
            e.code = core::ErrorCode::Input;
            e.location = {file_name, line_no, static_cast<int>(start) + 1};
            // The line as shown under the error: its address masked like the message's.
            std::string shown(core::line_number(text, line_no));
            shown.replace(start, address.size(), core::escape_control(core::redact_url(std::string(address))));
            e.source_line = shown;
            return tl::unexpected(e);
        }
        out.push_back(std::move(*target));
    }
    return out;
}

}  // namespace mesh::health

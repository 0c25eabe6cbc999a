// Keeping secrets out of logs, errors and reports: URLs are printed with their credentials masked.

#include "libmesh/core/redact_url.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace mesh::core {

static bool is_secret_name(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static constexpr std::array<std::string_view, 7> k_words{"token", "password", "passwd",   "secret",
                                                             "key",   "auth",     "signature"};
    return std::any_of(k_words.begin(), k_words.end(),
                       [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

std::string redact_url(const std::string& url) {
    std::string out = url;
    // user:password@ in the authority
    auto scheme = out.find("://");
    std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
    auto authority_end = out.find_first_of("/?#", authority);
    auto at = out.find('@', authority);
    if (at != std::string::npos && (authority_end == std::string::npos || at < authority_end)) {
        out.replace(authority, at - authority, "REDACTED");
    }
    auto query = out.find('?');
    if (query == std::string::npos) return out;
    std::string result = out.substr(0, query + 1);
    std::size_t pos = query + 1;
    while (pos <= out.size()) {
        auto amp = out.find('&', pos);
        std::string_view param(out.data() + pos, (amp == std::string::npos ? out.size() : amp) - pos);
        auto eq = param.find('=');
        if (eq != std::string_view::npos && is_secret_name(param.substr(0, eq))) {
            result.append(param.substr(0, eq + 1));
            result.append("REDACTED");
        } else {
            result.append(param);
        }
        if (amp == std::string::npos) break;
        result.push_back('&');
        pos = amp + 1;
    }
    return result;
}

}  // namespace mesh::core

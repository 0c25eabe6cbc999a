#include "libmesh/dtab/rewrite_namer.hpp"

#include <algorithm>
#include <optional>
#include <regex>
#include <utility>
#include <vector>

#include "libmesh/dtab/parser.hpp"

namespace mesh::dtab {

namespace {

// One segment of a pattern: `*`, a literal, or text with `{var}` captures (a search, unanchored,
// as linkerd's Regex.findAllIn does).
struct PatternSegment {
    std::string text;
    std::optional<std::regex> captures;
    std::vector<std::string> keys;
};

// linkerd's capture syntax: `{` name `}`, the name from [a-zA-Z0-9.] and the range ':'..'_'.
// Compiled on first use, not at start-up: every command would pay for it.
const std::regex& capture_key() {
    static const std::regex key(R"(\{([a-zA-Z0-9.:-_]+)\})");
    return key;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

PatternSegment compile_segment(const std::string& text) {
    PatternSegment segment{text, std::nullopt, {}};
    std::vector<std::string> found;
    for (std::sregex_iterator m(text.begin(), text.end(), capture_key()), end; m != end; ++m) {
        found.push_back(m->str(0));
        segment.keys.push_back(m->str(1));
    }
    if (found.empty()) return segment;
    std::string expression = text;
    replace_all(expression, ".", "\\.");  // the one path character with a meaning in a regex
    for (const auto& key : found) replace_all(expression, key, "(.*)");
    try {
        segment.captures.emplace(expression);
    } catch (const std::regex_error&) {
        segment.keys.clear();  // linkerd would not have started with it; here it matches nothing
        segment.captures.emplace("$^");
    }
    return segment;
}

// Java's `expr.split("/")` (trailing empty segments dropped) without the leading empty ones.
std::vector<PatternSegment> compile_pattern(const std::string& pattern) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        std::size_t slash = pattern.find('/', start);
        parts.push_back(pattern.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
    auto first = std::find_if(parts.begin(), parts.end(), [](const std::string& p) { return !p.empty(); });
    std::vector<PatternSegment> out;
    for (auto p = first; p != parts.end(); ++p) out.push_back(compile_segment(*p));
    return out;
}

using Vars = std::vector<std::pair<std::string, std::string>>;  // in first-capture order

void set_var(Vars& vars, const std::string& key, std::string value) {
    auto known = std::find_if(vars.begin(), vars.end(), [&](const auto& v) { return v.first == key; });
    if (known != vars.end())
        known->second = std::move(value);
    else
        vars.emplace_back(key, std::move(value));
}

}  // namespace

std::function<NamerResult(const Path&)> rewrite_namer(const std::string& pattern, const std::string& name) {
    return [segments = compile_pattern(pattern), name](const Path& path) {
        NamerResult out;  // Neg
        Vars vars;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const PatternSegment& segment = segments[i];
            if (i >= path.size()) {
                if (segment.text != "*") return out;
                // linkerd takes the tail of the path's empty element list here, which throws.
                out.kind = NamerResult::Kind::Error;
                out.message = "empty.tail";
                return out;
            }
            std::string elem = show_element(path.elems[i]);
            if (segment.text == "*" || (!segment.captures && segment.text == elem)) continue;
            std::smatch m;
            if (!segment.captures || !std::regex_search(elem, m, *segment.captures)) return out;
            for (std::size_t k = 0; k < segment.keys.size(); ++k) set_var(vars, segment.keys[k], m.str(k + 1));
        }
        // Scala's foldRight over the captures: the last one is substituted first.
        std::string rewritten = name;
        for (auto v = vars.rbegin(); v != vars.rend(); ++v) replace_all(rewritten, "{" + v->first + "}", v->second);
        auto parsed = parse_path(rewritten);
        if (!parsed) {
            out.kind = NamerResult::Kind::Error;
            out.message = parsed.error().message;
            return out;
        }
        out.kind = NamerResult::Kind::Rewrite;
        out.path = std::move(*parsed);
        return out;
    };
}

}  // namespace mesh::dtab

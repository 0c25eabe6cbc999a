#include "libmesh/dtab/rewrite_namer.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "libmesh/core/split.hpp"
#include "libmesh/dtab/parser.hpp"

namespace mesh::dtab {

namespace {

// One segment of a pattern: `*`, a literal, or text with `{var}` captures. linkerd turns the
// latter into a regex (each capture `(.*)`, searched for anywhere in the element); here it is
// pieces matched the same way without std::regex, whose recursion a long pattern from a proxy's
// /config.json could overflow. The literal text is taken literally: regex characters other than
// `.` (which linkerd escapes) are not path characters, and `$` is the one this reads otherwise.
struct Piece {
    bool capture = false;
    std::string text;  ///< the literal, or the capture's name
};

struct PatternSegment {
    std::string text;
    std::vector<Piece> pieces;  ///< empty for `*` and literals
};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// The search recurses once a piece: a segment of more pieces than this matches nothing.
constexpr std::size_t k_max_pieces = 64;

// linkerd's capture syntax: `{` name `}`, the name from [a-zA-Z0-9.] and the range ':'..'_'.
bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || (c >= ':' && c <= '_');
}

PatternSegment compile_segment(const std::string& text) {
    PatternSegment segment{text, {}};
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t close = i + 1;
        while (text[i] == '{' && close < text.size() && is_key_char(text[close])) ++close;
        if (text[i] == '{' && close > i + 1 && close < text.size() && text[close] == '}') {
            if (!literal.empty()) segment.pieces.push_back({false, std::move(literal)});
            literal.clear();
            segment.pieces.push_back({true, text.substr(i + 1, close - i - 1)});
            i = close;
        } else {
            literal.push_back(text[i]);
        }
    }
    if (!literal.empty()) segment.pieces.push_back({false, std::move(literal)});
    if (std::none_of(segment.pieces.begin(), segment.pieces.end(), [](const Piece& p) { return p.capture; }))
        segment.pieces.clear();  // a literal segment
    return segment;
}

// Java's Matcher.find for the segment's pieces in `elem`: the leftmost start, each capture as long
// as the rest allows; the match may end before the element does. `failed` remembers (piece,
// position) pairs that cannot match, so the search is polynomial, not exponential.
class SegmentSearch {
public:
    SegmentSearch(const std::vector<Piece>& pieces, const std::string& elem)
        : m_pieces(pieces), m_elem(elem), m_captured(pieces.size()),
          m_failed(pieces.size() * (elem.size() + 1), false) {}

    bool find() {
        for (std::size_t start = 0; start <= m_elem.size(); ++start)
            if (match(0, start)) return true;
        return false;
    }
    const std::string& captured(std::size_t piece) const { return m_captured[piece]; }

private:
    bool match(std::size_t piece, std::size_t at) {
        if (piece == m_pieces.size()) return true;
        std::size_t memo = piece * (m_elem.size() + 1) + at;
        if (m_failed[memo]) return false;
        const Piece& p = m_pieces[piece];
        if (!p.capture) {
            if (m_elem.compare(at, p.text.size(), p.text) == 0 && match(piece + 1, at + p.text.size())) return true;
        } else {
            for (std::size_t end = m_elem.size() + 1; end-- > at;) {
                if (match(piece + 1, end)) {
                    m_captured[piece] = m_elem.substr(at, end - at);
                    return true;
                }
            }
        }
        m_failed[memo] = true;
        return false;
    }

    const std::vector<Piece>& m_pieces;
    const std::string& m_elem;
    std::vector<std::string> m_captured;
    std::vector<bool> m_failed;
};

// Java's `expr.split("/")` (trailing empty segments dropped) without the leading empty ones.
std::vector<PatternSegment> compile_pattern(const std::string& pattern) {
    std::vector<std::string> parts = core::split(pattern, '/');
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
            if (segment.text == "*" || (segment.pieces.empty() && segment.text == elem)) continue;
            if (segment.pieces.empty() || segment.pieces.size() > k_max_pieces) return out;
            SegmentSearch search(segment.pieces, elem);
            if (!search.find()) return out;
            for (std::size_t k = 0; k < segment.pieces.size(); ++k)
                if (segment.pieces[k].capture) set_var(vars, segment.pieces[k].text, search.captured(k));
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

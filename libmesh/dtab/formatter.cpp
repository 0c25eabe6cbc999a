#include "libmesh/dtab/formatter.hpp"

#include <algorithm>

namespace mesh::dtab {

namespace {

// Line numbers by binary search over the newline offsets, so a 10 MB file stays linear.
class LineTable {
public:
    explicit LineTable(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_newlines.push_back(i);
    }
    std::size_t line_of(std::size_t offset) const {
        return static_cast<std::size_t>(std::lower_bound(m_newlines.begin(), m_newlines.end(), offset) -
                                        m_newlines.begin());
    }

private:
    std::vector<std::size_t> m_newlines;
};

// True when the source between two offsets has an empty line (two or more newlines).
bool blank_line_between(std::string_view text, std::size_t from, std::size_t to) {
    if (to <= from || to > text.size()) return false;
    std::string_view gap = text.substr(from, to - from);
    return std::count(gap.begin(), gap.end(), '\n') >= 2;
}

std::string dentry_line(const std::string& prefix, std::size_t width, const NameTree& dst) {
    std::string out = prefix;
    out.append(width - prefix.size(), ' ');
    out += "  => ";
    out += show(dst);
    out += " ;";
    return out;
}

std::size_t prefix_width(const std::vector<std::string>& prefixes) {
    std::size_t width = 0;
    for (const auto& p : prefixes) width = std::max(width, p.size());
    return width;
}

}  // namespace

std::string format_pretty(const ParsedDtab& parsed, std::string_view source) {
    const auto& dentries = parsed.dtab.dentries;
    const auto& comments = parsed.comments;
    std::vector<std::string> prefixes;
    prefixes.reserve(dentries.size());
    for (const auto& d : dentries) prefixes.push_back(show(d.prefix));
    std::size_t width = prefix_width(prefixes);

    LineTable lines(source);
    std::string out;
    std::size_t ci = 0;
    std::size_t last_end = 0;  // source offset where the previous output item ended
    bool first_item = true;
    auto emit_gap = [&](std::size_t begin) {
        if (!first_item && blank_line_between(source, last_end, begin)) out += '\n';
        first_item = false;
    };
    for (std::size_t i = 0; i < dentries.size(); ++i) {
        const Dentry& d = dentries[i];
        while (ci < comments.size() && comments[ci].begin < d.begin) {
            emit_gap(comments[ci].begin);
            out += comments[ci].text + '\n';
            last_end = comments[ci].end;
            ++ci;
        }
        emit_gap(d.begin);
        std::string line = dentry_line(prefixes[i], width, d.dst);
        // Comments inside the dentry, or after it on its last line, trail the line.
        std::size_t end_line = lines.line_of(d.end == 0 ? 0 : d.end - 1);
        std::size_t next_begin = i + 1 < dentries.size() ? dentries[i + 1].begin : source.size() + 1;
        std::string trailing;
        std::size_t end = d.end;
        while (ci < comments.size() && comments[ci].begin < next_begin &&
               (comments[ci].begin < d.end || lines.line_of(comments[ci].begin) == end_line)) {
            trailing += trailing.empty() ? comments[ci].text : " " + comments[ci].text;
            end = std::max(end, comments[ci].end);
            ++ci;
        }
        if (!trailing.empty()) line += "  " + trailing;
        out += line + '\n';
        last_end = end;
    }
    while (ci < comments.size()) {
        emit_gap(comments[ci].begin);
        out += comments[ci].text + '\n';
        last_end = comments[ci].end;
        ++ci;
    }
    return out;
}

std::string format_namerctl(const Dtab& dtab) {
    std::vector<std::string> prefixes;
    for (const auto& d : dtab.dentries) prefixes.push_back(show(d.prefix));
    std::size_t width = prefix_width(prefixes);
    std::string out;
    for (std::size_t i = 0; i < dtab.size(); ++i) out += dentry_line(prefixes[i], width, dtab.dentries[i].dst) + '\n';
    return out;
}

std::string format_compact(const Dtab& dtab) { return show(dtab) + "\n"; }

}  // namespace mesh::dtab

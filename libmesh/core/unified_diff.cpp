#include "libmesh/core/unified_diff.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace mesh::core {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        lines.push_back(text.substr(pos, end - pos));
        pos = end;
    }
    return lines;
}

enum class Op { Keep, Remove, Add };

// Myers' O(ND) shortest edit script; injection adds few lines, so D stays small.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size()), max = n + m;
    std::vector<int> v(2 * static_cast<std::size_t>(max) + 2, 0);
    std::vector<std::vector<int>> trace;
    auto at = [&](int k) -> int& { return v[static_cast<std::size_t>(k + max + 1)]; };
    int d_found = 0;
    for (int d = 0; d <= max; ++d) {
        trace.push_back(v);
        bool done = false;
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
            int y = x - k;
            while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) ++x, ++y;
            at(k) = x;
            if (x >= n && y >= m) {
                done = true;
                break;
            }
        }
        if (done) {
            d_found = d;
            break;
        }
    }
    std::vector<Op> ops;
    int x = n, y = m;
    for (int d = d_found; d > 0; --d) {
        v = trace[static_cast<std::size_t>(d)];
        int k = x - y;
        int prev_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
        int prev_x = at(prev_k), prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) ops.push_back(Op::Keep), --x, --y;
        ops.push_back(x == prev_x ? Op::Add : Op::Remove);
        x = prev_x, y = prev_y;
    }
    while (x > 0 && y > 0) ops.push_back(Op::Keep), --x, --y;
    std::reverse(ops.begin(), ops.end());
    return ops;
}

void append_line(std::string& out, char prefix, std::string_view line) {
    out += prefix;
    out.append(line);
    if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

// The hunks of an edit script: `context` lines around each change, changes closer than
// 2*context lines joined into one hunk.
std::string format_hunks(const std::vector<Op>& ops, const std::vector<std::string_view>& a,
                         const std::vector<std::string_view>& b, int context) {
    const std::size_t ctx = static_cast<std::size_t>(context);
    std::string out;
    std::size_t i = 0, a_line = 0, b_line = 0;  // lines of a and b before ops[i]
    while (i < ops.size()) {
        if (ops[i] == Op::Keep) {
            ++i, ++a_line, ++b_line;
            continue;
        }
        std::size_t lead = std::min(ctx, std::min(a_line, b_line));
        std::size_t start = i - lead;
        std::size_t end = i;
        while (true) {
            while (end < ops.size() && ops[end] != Op::Keep) ++end;
            std::size_t keep_end = end;
            while (keep_end < ops.size() && ops[keep_end] == Op::Keep) ++keep_end;
            if (keep_end < ops.size() && keep_end - end <= 2 * ctx) {
                end = keep_end;
                continue;
            }
            end = std::min(keep_end, end + ctx);
            break;
        }
        std::size_t ai = a_line - lead, bi = b_line - lead, a_first = ai, b_first = bi;
        std::string body;
        for (std::size_t k = start; k < end; ++k) {
            switch (ops[k]) {
            case Op::Keep:
                append_line(body, ' ', a[ai++]);
                ++bi;
                break;
            case Op::Remove: append_line(body, '-', a[ai++]); break;
            case Op::Add: append_line(body, '+', b[bi++]); break;
            }
        }
        std::size_t a_count = ai - a_first, b_count = bi - b_first;
        out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? a_first + 1 : a_first, a_count,
                           b_count ? b_first + 1 : b_first, b_count);
        out += body;
        a_line = ai, b_line = bi, i = end;
    }
    return out;
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& name, int context) {
    return unified_diff_segments({DiffSegment{before, after}}, name, context);
}

std::string unified_diff_segments(const std::vector<DiffSegment>& segments, const std::string& name, int context) {
    std::vector<std::string_view> a, b;
    std::vector<Op> ops;
    for (const auto& segment : segments) {
        auto sa = split_lines(segment.before);
        if (segment.before == segment.after) {
            a.insert(a.end(), sa.begin(), sa.end());
            b.insert(b.end(), sa.begin(), sa.end());
            ops.insert(ops.end(), sa.size(), Op::Keep);
            continue;
        }
        auto sb = split_lines(segment.after);
        // Trim the common head and tail first: Myers then only sees the changed middle.
        std::size_t head = 0;
        while (head < sa.size() && head < sb.size() && sa[head] == sb[head]) ++head;
        std::size_t tail = 0;
        while (tail < sa.size() - head && tail < sb.size() - head &&
               sa[sa.size() - 1 - tail] == sb[sb.size() - 1 - tail])
            ++tail;
        std::vector<std::string_view> mid_a(sa.begin() + static_cast<long>(head), sa.end() - static_cast<long>(tail));
        std::vector<std::string_view> mid_b(sb.begin() + static_cast<long>(head), sb.end() - static_cast<long>(tail));
        ops.insert(ops.end(), head, Op::Keep);
        auto middle = edit_script(mid_a, mid_b);
        ops.insert(ops.end(), middle.begin(), middle.end());
        ops.insert(ops.end(), tail, Op::Keep);
        a.insert(a.end(), sa.begin(), sa.end());
        b.insert(b.end(), sb.begin(), sb.end());
    }
    std::string hunks = format_hunks(ops, a, b, context);
    if (hunks.empty()) return {};
    // git's a/ and b/ prefixes, except on absolute paths, which patch -p0 takes as they are.
    bool absolute = !name.empty() && name[0] == '/';
    return fmt::format("--- {}{}\n+++ {}{}\n", absolute ? "" : "a/", name, absolute ? "" : "b/", name) + hunks;
}

}  // namespace mesh::core

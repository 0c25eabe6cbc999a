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

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& name, int context) {
    if (before == after) return {};
    return fmt::format("--- a/{}\n+++ b/{}\n", name, name) + unified_diff_hunks(before, after, 0, 0, context);
}

std::string unified_diff_hunks(std::string_view before, std::string_view after, std::size_t a_offset,
                               std::size_t b_offset, int context) {
    auto a = split_lines(before), b = split_lines(after);
    // Trim the common head and tail first: Myers then only sees the changed middle.
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    std::vector<std::string_view> mid_a(a.begin() + static_cast<long>(head), a.end() - static_cast<long>(tail));
    std::vector<std::string_view> mid_b(b.begin() + static_cast<long>(head), b.end() - static_cast<long>(tail));
    std::vector<Op> ops(head, Op::Keep);
    auto middle = edit_script(mid_a, mid_b);
    ops.insert(ops.end(), middle.begin(), middle.end());
    ops.insert(ops.end(), tail, Op::Keep);

    std::string out;
    std::size_t i = 0;
    while (i < ops.size()) {
        if (ops[i] == Op::Keep) {
            ++i;
            continue;
        }
        // A hunk: from `context` lines before this change to `context` lines after the last change
        // that is at most 2*context lines away.
        std::size_t start = i >= static_cast<std::size_t>(context) ? i - static_cast<std::size_t>(context) : 0;
        std::size_t end = i;
        while (end < ops.size()) {
            std::size_t next = end;
            while (next < ops.size() && ops[next] != Op::Keep) ++next;
            std::size_t keep_run = next;
            while (keep_run < ops.size() && ops[keep_run] == Op::Keep) ++keep_run;
            if (keep_run < ops.size() && keep_run - next <= 2 * static_cast<std::size_t>(context)) {
                end = keep_run;
                continue;
            }
            end = std::min(ops.size(), next + static_cast<std::size_t>(context));
            break;
        }
        std::size_t a_line = 0, b_line = 0;
        for (std::size_t k = 0; k < start; ++k) {
            if (ops[k] != Op::Add) ++a_line;
            if (ops[k] != Op::Remove) ++b_line;
        }
        std::string body;
        std::size_t a_count = 0, b_count = 0, ai = a_line, bi = b_line;
        for (std::size_t k = start; k < end; ++k) {
            switch (ops[k]) {
            case Op::Keep: append_line(body, ' ', a[ai++]); ++a_count, ++b_count, ++bi; break;
            case Op::Remove: append_line(body, '-', a[ai++]); ++a_count; break;
            case Op::Add: append_line(body, '+', b[bi++]); ++b_count; break;
            }
        }
        a_line += a_offset;
        b_line += b_offset;
        out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? a_line + 1 : a_line, a_count, b_count ? b_line + 1 : b_line, b_count);
        out += body;
        i = end;
    }
    return out;
}

}  // namespace mesh::core

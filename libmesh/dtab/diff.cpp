#include "libmesh/dtab/diff.hpp"

#include <algorithm>
#include <map>

namespace mesh::dtab {

namespace {

// Longest common subsequence of two string lists as pairs of indices. Quadratic, so the middle
// (after trimming a common head and tail) is capped; beyond the cap, only the head and tail count.
std::vector<std::pair<std::size_t, std::size_t>> lcs(const std::vector<std::string>& a,
                                                     const std::vector<std::string>& b) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) {
        out.emplace_back(head, head);
        ++head;
    }
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    std::size_t n = a.size() - head - tail;
    std::size_t m = b.size() - head - tail;
    if (n > 0 && m > 0 && n * m <= 16'000'000) {
        std::vector<std::vector<unsigned>> dp(n + 1, std::vector<unsigned>(m + 1, 0));
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                dp[i][j] = a[head + i] == b[head + j] ? dp[i + 1][j + 1] + 1 : std::max(dp[i + 1][j], dp[i][j + 1]);
        std::size_t i = 0, j = 0;
        while (i < n && j < m) {
            if (a[head + i] == b[head + j]) {
                out.emplace_back(head + i, head + j);
                ++i;
                ++j;
            } else if (dp[i + 1][j] >= dp[i][j + 1]) {
                ++i;
            } else {
                ++j;
            }
        }
    }
    for (std::size_t k = 0; k < tail; ++k) out.emplace_back(a.size() - tail + k, b.size() - tail + k);
    return out;
}

}  // namespace

std::vector<DtabChange> diff(const Dtab& before, const Dtab& after) {
    std::vector<std::string> a, b;
    for (const auto& d : before.dentries) a.push_back(show(d));
    for (const auto& d : after.dentries) b.push_back(show(d));
    auto common = lcs(a, b);
    std::vector<bool> a_kept(a.size(), false), b_kept(b.size(), false);
    for (auto [i, j] : common) {
        a_kept[i] = true;
        b_kept[j] = true;
    }
    // Unmatched dentries present on both sides moved; pair them up in order.
    std::multimap<std::string, std::size_t> a_left;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!a_kept[i]) a_left.emplace(a[i], i);
    std::vector<DtabChange> changes;
    std::vector<bool> a_moved(a.size(), false);
    std::vector<DtabChange> additions;
    for (std::size_t j = 0; j < b.size(); ++j) {
        if (b_kept[j]) continue;
        auto it = a_left.find(b[j]);
        if (it != a_left.end()) {
            changes.push_back({DtabChange::Kind::Moved, b[j], it->second, j});
            a_moved[it->second] = true;
            a_left.erase(it);
        } else {
            changes.push_back({DtabChange::Kind::Added, b[j], 0, j});
        }
    }
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!a_kept[i] && !a_moved[i]) changes.push_back({DtabChange::Kind::Removed, a[i], i, 0});
    // Order: by position in the new dtab; removals by where they were relative to the old one.
    auto key = [](const DtabChange& c) {
        return c.kind == DtabChange::Kind::Removed ? c.old_index * 2 : c.new_index * 2 + 1;
    };
    std::stable_sort(changes.begin(), changes.end(),
                     [&](const DtabChange& x, const DtabChange& y) { return key(x) < key(y); });
    return changes;
}

}  // namespace mesh::dtab

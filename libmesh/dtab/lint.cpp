#include "libmesh/dtab/lint.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "libmesh/dtab/java_number.hpp"
#include "libmesh/dtab/lookup_index.hpp"

namespace mesh::dtab {

const char* severity_name(LintFinding::Severity s) {
    switch (s) {
    case LintFinding::Severity::Error: return "error";
    case LintFinding::Severity::Warning: return "warning";
    case LintFinding::Severity::Info: return "info";
    }
    return "warning";
}

namespace {

using Sev = LintFinding::Severity;
constexpr std::size_t k_loop_budget = 20000;

bool is_global(const Path& p, const char* cls) { return p.size() >= 2 && p.elems[0] == "$" && p.elems[1] == cls; }

// A leaf the global namer always answers without falling back, provided no dentry intercepts it.
bool terminal_leaf(const Path& p, const LookupIndex& index) {
    if (!index.matching(p).empty()) return false;
    if (is_global(p, "fail") || is_global(p, "nil")) return true;
    return is_global(p, "inet") && p.size() >= 4 && !p.elems[3].empty() &&
           std::all_of(p.elems[3].begin(), p.elems[3].end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool always_ok(const NameTree& t, const LookupIndex& index) {
    switch (t.kind) {
    case NameTree::Kind::Empty: return true;
    case NameTree::Kind::Leaf: return terminal_leaf(t.path, index) && !is_global(t.path, "fail");
    case NameTree::Kind::Alt:
    case NameTree::Kind::Union:
        return std::any_of(t.children.begin(), t.children.end(),
                           [&](const NameTree& c) { return always_ok(c, index); });
    default: return false;
    }
}

// True when binding the tree can never give Neg, so nothing after it is ever tried.
bool never_neg(const NameTree& t, const LookupIndex& index) {
    switch (t.kind) {
    case NameTree::Kind::Fail:
    case NameTree::Kind::Empty: return true;
    case NameTree::Kind::Leaf: return terminal_leaf(t.path, index);
    case NameTree::Kind::Alt:
        return std::any_of(t.children.begin(), t.children.end(),
                           [&](const NameTree& c) { return never_neg(c, index); });
    case NameTree::Kind::Union: return always_ok(t, index);
    default: return false;
    }
}

void collect_leaves(const NameTree& t, std::vector<const NameTree*>& out) {
    if (t.kind == NameTree::Kind::Leaf) out.push_back(&t);
    for (const auto& c : t.children) collect_leaves(c, out);
}

class LoopFinder {
public:
    LoopFinder(const Dtab& dtab, const LookupIndex& index, const Namers& namers)
        : m_dtab(dtab), m_index(index), m_namers(namers) {}

    // The dentries of a cycle reached from `path`, or empty.
    std::vector<std::size_t> find(const Path& path) {
        m_steps = 0;
        m_route.clear();
        return walk(path, 0);
    }

private:
    std::vector<std::size_t> walk(const Path& path, int depth) {
        if (++m_steps > k_loop_budget) return {};
        if (depth >= 100) return cycle();
        std::vector<std::size_t> found = m_index.matching(path);
        if (found.empty()) {
            NamerResult r = m_namers.lookup(path);
            if (r.kind == NamerResult::Kind::Rewrite) return walk(r.path, depth + 1);
            return {};
        }
        for (std::size_t i : found) {
            std::vector<const NameTree*> leaves;
            NameTree rewritten = rewrite(m_dtab.dentries[i], path);
            collect_leaves(rewritten, leaves);
            m_route.push_back(i);
            for (const NameTree* leaf : leaves) {
                auto c = walk(leaf->path, depth + 1);
                if (!c.empty()) return c;
                if (m_steps > k_loop_budget) break;
            }
            m_route.pop_back();
        }
        return {};
    }

    std::vector<std::size_t> cycle() const {
        if (m_route.empty()) return {};
        std::size_t last = m_route.back();
        for (std::size_t k = m_route.size() - 1; k-- > 0;) {
            if (m_route[k] == last) {
                std::vector<std::size_t> c(m_route.begin() + static_cast<std::ptrdiff_t>(k) + 1, m_route.end());
                return c;
            }
        }
        return {last};
    }

    const Dtab& m_dtab;
    const LookupIndex& m_index;
    const Namers& m_namers;
    std::vector<std::size_t> m_route;
    std::size_t m_steps = 0;
};

Path probe_for(const Prefix& prefix) {
    Path p;
    for (const auto& e : prefix.elems) p.elems.push_back(e.wildcard ? "x" : e.label);
    p.elems.push_back("residual");
    return p;
}

void check_tree(const NameTree& t, const LookupIndex& index, std::vector<LintFinding>& out) {
    if (t.kind == NameTree::Kind::Alt) {
        for (std::size_t i = 0; i + 1 < t.children.size(); ++i) {
            const NameTree& c = t.children[i];
            bool stops = c.kind == NameTree::Kind::Fail || c.kind == NameTree::Kind::Empty ||
                         (c.kind == NameTree::Kind::Leaf && (is_global(c.path, "fail") || is_global(c.path, "nil")));
            if (!stops) continue;
            std::string what = c.kind == NameTree::Kind::Leaf ? show(c.path) : show(c);
            out.push_back({Sev::Warning, t.children[i + 1].offset, "unreachable",
                           "branch `" + show(t.children[i + 1]) + "` can never be reached: `" + what +
                               "` before it ends the fallback",
                           what[0] == '!' || what.find("fail") != std::string::npos
                               ? "`!` fails the whole alternation; use `~` to fall through"
                               : "`$` is a success with no endpoints; use `~` to fall through"});
            break;
        }
    }
    if (t.kind == NameTree::Kind::Union) {
        for (std::size_t i = 0; i < t.children.size(); ++i) {
            double w = t.weights[i];
            if (!(w > 0) || !std::isfinite(w)) {
                out.push_back({Sev::Warning, t.children[i].offset, "weight",
                               "weight " + java_format_2f(w) + " of `" + show(t.children[i]) +
                                   "` is not a positive finite number",
                               "this branch gets no traffic; remove it or give it a weight > 0"});
            } else if (std::fabs(w * 100 - std::round(w * 100)) > 1e-9) {
                out.push_back(
                    {Sev::Info, t.children[i].offset, "weight",
                     "weight " + java_double_to_string(w) + " is printed as " + java_format_2f(w) + " by Finagle",
                     "namerd and linkerd store the printed form; use two decimals"});
            }
        }
    }
    if (t.kind == NameTree::Kind::Leaf && t.path.size() >= 2 && t.path.elems[0] == "$") {
        const auto& known = known_global_namers();
        const std::string& cls = t.path.elems[1];
        if (std::find(known.begin(), known.end(), cls) == known.end() && index.matching(t.path).empty()) {
            out.push_back(
                {Sev::Warning, t.offset, "unknown-namer",
                 "unknown namer /$/" + show_element(cls) + ": binding fails with `Unknown namer: " + cls + "`",
                 "known: inet, fixedinet, nil, fail and the io.buoyant.* utility namers"});
        }
    }
    for (const auto& c : t.children) check_tree(c, index, out);
}

}  // namespace

std::vector<LintFinding> lint(const Dtab& dtab, const NamerConfig& namer_config) {
    std::vector<LintFinding> out;
    LookupIndex index(dtab);
    Namers namers(namer_config);
    for (const auto& d : dtab.dentries) check_tree(d.dst, index, out);

    // Exact duplicates, found by their printed form (linear, not pairwise).
    std::unordered_map<std::string, std::size_t> last_seen;
    std::vector<std::string> shown(dtab.size());
    for (std::size_t i = dtab.size(); i-- > 0;) {
        shown[i] = show(dtab.dentries[i]);
        auto [it, fresh] = last_seen.emplace(shown[i], i);
        if (!fresh)
            out.push_back({Sev::Warning, dtab.dentries[i].begin, "duplicate",
                           "dentry `" + shown[i] + "` is repeated later",
                           "the later copy is tried first; this one only adds a redundant fallback"});
    }
    // Dentries shadowed by a later one that matches all their paths and never falls back. The
    // covering list is shared by dentries with the same prefix, so repeated prefixes stay linear.
    struct Covering {
        std::vector<std::size_t> list;  // ascending dentry indices
        std::vector<long> first_stop;   // per position: first stopping dentry at or after it, or -1
        std::vector<long> second_stop;  // ... and the first after it whose printed form differs
    };
    std::unordered_map<std::string, Covering> coverings;
    for (std::size_t i = 0; i < dtab.size(); ++i) {
        const Dentry& earlier = dtab.dentries[i];
        auto [it, fresh] = coverings.try_emplace(show(earlier.prefix));
        Covering& c = it->second;
        if (fresh) {
            c.list = index.covering(earlier.prefix);
            c.first_stop.assign(c.list.size() + 1, -1);
            c.second_stop.assign(c.list.size() + 1, -1);
            for (std::size_t p = c.list.size(); p-- > 0;) {
                std::size_t j = c.list[p];
                bool stop = never_neg(dtab.dentries[j].dst, index);
                c.first_stop[p] = stop ? static_cast<long>(j) : c.first_stop[p + 1];
                long f = c.first_stop[p + 1];
                long second = c.second_stop[p + 1];
                if (stop && f >= 0 && shown[static_cast<std::size_t>(f)] != shown[j]) second = f;
                c.second_stop[p] = stop ? second : c.second_stop[p + 1];
            }
        }
        auto pos = static_cast<std::size_t>(std::upper_bound(c.list.begin(), c.list.end(), i) - c.list.begin());
        long j = c.first_stop[pos];
        if (j >= 0 && shown[static_cast<std::size_t>(j)] == shown[i]) j = c.second_stop[pos];
        if (j < 0) continue;
        const std::string& later = shown[static_cast<std::size_t>(j)];
        out.push_back({Sev::Warning, earlier.begin, "never-applies",
                       "dentry `" + shown[i] + "` never applies: `" + later +
                           "` (later, so tried first) matches every path it does and never falls back",
                       "later dentries win; move this one after it or make that one end in `~`"});
    }

    // Loops: delegate a sample path of every prefix and look for a rewriting cycle.
    LoopFinder finder(dtab, index, namers);
    std::set<std::vector<std::size_t>> reported;
    std::set<std::string> probed;
    for (std::size_t i = 0; i < dtab.size(); ++i) {
        if (!probed.insert(show(dtab.dentries[i].prefix)).second) continue;  // same probe, same answer
        std::vector<std::size_t> cycle = finder.find(probe_for(dtab.dentries[i].prefix));
        if (cycle.empty()) continue;
        std::vector<std::size_t> key = cycle;
        std::sort(key.begin(), key.end());
        key.erase(std::unique(key.begin(), key.end()), key.end());
        if (!reported.insert(key).second) continue;
        std::string chain;
        for (std::size_t k : cycle) chain += (chain.empty() ? "`" : " -> `") + show(dtab.dentries[k]) + "`";
        out.push_back({Sev::Error, dtab.dentries[key.front()].begin, "loop",
                       "loop: " + show(probe_for(dtab.dentries[i].prefix)) + " keeps rewriting through " + chain +
                           "; Finagle fails it at depth 100",
                       "a dst must not lead back to a prefix that matches it again"});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const LintFinding& a, const LintFinding& b) { return a.offset < b.offset; });
    return out;
}

}  // namespace mesh::dtab

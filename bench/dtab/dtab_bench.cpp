// Dtab lookup and delegation speed (see README.md): the index against table size, against
// Finagle's scan of every dentry, and delegations per second on a 100-dentry dtab.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "libmesh/dtab/binder.hpp"
#include "libmesh/dtab/delegate_tree.hpp"
#include "libmesh/dtab/lookup_index.hpp"
#include "libmesh/dtab/parser.hpp"

using namespace mesh::dtab;
using Clock = std::chrono::steady_clock;

namespace {

// n dentries shaped like real ones: /svc/<name> => /srv/<name>-v<k> | /srv/<name>, plus the
// catch-alls every dtab has, in a realistic order (general first, overrides later).
Dtab generated(int n) {
    std::string text = "/srv => /$/inet/127.1/8080;\n/svc => /srv;\n/http/1.1/* => /svc;\n";
    for (int i = 0; i + 3 < n; ++i)
        text += "/svc/service-" + std::to_string(i) + " => /srv/service-" + std::to_string(i) + "-v2 | /srv/service-" +
                std::to_string(i) + ";\n";
    return *parse_dtab(text);
}

// CPU time of this thread, so a machine shared with other jobs does not count their time.
double cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double g_wall_ns_per_op = 0;

template <typename F> double ns_per_op(F&& f, int iterations) {
    for (int i = 0; i < iterations / 10; ++i) f(i);  // warm up
    auto wall = Clock::now();
    double start = cpu_ns();
    for (int i = 0; i < iterations; ++i) f(i);
    g_wall_ns_per_op = std::chrono::duration<double, std::nano>(Clock::now() - wall).count() / iterations;
    return (cpu_ns() - start) / iterations;
}

volatile std::size_t g_sink;

}  // namespace

int main() {
    Path hit = *parse_path("/svc/service-5/api");
    Path miss = *parse_path("/nope/x");

    std::printf("lookup (one rewriting step), ns per lookup:\n");
    std::printf("%10s %12s %12s %14s\n", "dentries", "index hit", "index miss", "linear (Finagle)");
    double base_hit = 0, base_miss = 0;
    for (int n : {10, 100, 1000, 10000}) {
        Dtab d = generated(n);
        LookupIndex index(d);
        int iters = 400000;
        double h = ns_per_op([&](int) { g_sink = index.lookup(hit).children.size(); }, iters);
        double m = ns_per_op([&](int) { g_sink = index.lookup(miss).children.size(); }, iters);
        double lin = ns_per_op([&](int) { g_sink = lookup_linear(d, hit).children.size(); }, n >= 1000 ? 2000 : 100000);
        if (n == 10) {
            base_hit = h;
            base_miss = m;
        }
        std::printf("%10d %12.1f %12.1f %14.1f\n", n, h, m, lin);
        if (n == 10000)
            std::printf("ratio 10,000 vs 10 dentries: hit %.2fx, miss %.2fx (goal: at most 3x)\n", h / base_hit,
                        m / base_miss);
    }

    Dtab d100 = generated(100);
    LookupIndex index(d100);
    Namers namers;
    Path simple = *parse_path("/svc/web");  // /svc/web -> /srv/web -> /$/inet/127.1/8080/web
    int iters = 1000000;
    std::printf("\n100-dentry dtab, one thread, path /svc/web (2 dtab hops, then /$/inet); per CPU second\n"
                "(wall-clock rate in brackets: lower when other jobs share the core):\n");
    double lookup_ns = ns_per_op([&](int) { g_sink = index.lookup(simple).path.size(); }, iters);
    std::printf("  lookups (Dtab.lookup):            %10.0f /s  [%10.0f /s]\n", 1e9 / lookup_ns,
                1e9 / g_wall_ns_per_op);
    double bind_ns =
        ns_per_op([&](int) { g_sink = bind(index, NameTree::leaf(simple), namers)->bound.id.size(); }, iters);
    std::printf("  bindings (Finagle bind):          %10.0f /s  [%10.0f /s]\n", 1e9 / bind_ns, 1e9 / g_wall_ns_per_op);
    double delegate_ns = ns_per_op([&](int) { g_sink = delegate(index, simple, namers)->children.size(); }, iters);
    std::printf("  delegations (full delegate tree): %10.0f /s  [%10.0f /s]  (goal: at least 1,000,000)\n",
                1e9 / delegate_ns, 1e9 / g_wall_ns_per_op);
    return 0;
}

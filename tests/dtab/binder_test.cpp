// Spec sections 4.5-4.7: one lookup step, Finagle's binder and resolver, and the offline namers.

#include <gtest/gtest.h>

#include <random>

#include "libmesh/dtab/binder.hpp"
#include "libmesh/dtab/lookup_index.hpp"
#include "libmesh/dtab/parser.hpp"
#include "tests/dtab/dtab_literals.hpp"

using namespace mesh::dtab;
using namespace mesh::dtab::literals;

namespace {

// Test namers /#/test/N: 0 and 1 as each case needs.
NamerConfig test_namers(std::function<NamerResult(const Path&)> fn) {
    NamerConfig c;
    c.symbolic_hash_namers = false;
    c.mounted.emplace_back("test", std::move(fn));
    return c;
}

NamerResult bound_to(const Path& id, int port) {
    NamerResult r;
    r.kind = NamerResult::Kind::Bound;
    r.bound.id = id;
    r.bound.addr = inet_addr("127.0.0.1", port);
    return r;
}

}  // namespace

TEST(DtabLookup, WildcardIsConsumed_82) {
    Dtab d = dtab("/a/*/c => /d");
    EXPECT_EQ(LookupIndex(d).lookup(P("/a/b/c/e/f")), NameTree::leaf(P("/d/e/f")));
}

TEST(DtabLookup, LaterDentriesFirstAndNoLongestPrefixRule) {
    Dtab d = dtab("/svc/web=>/a; /svc=>/b");
    EXPECT_EQ(LookupIndex(d).lookup(P("/svc/web")), tree("/b/web | /a"));
    Dtab nested = dtab("/b=>/c|/d; /a=>/e");
    EXPECT_EQ(LookupIndex(nested).lookup(P("/b/e")), tree("/c/e | /d/e"));
    Dtab kept = dtab("/x=>/b/b|/c/b; /x=>/d");
    EXPECT_EQ(LookupIndex(kept).lookup(P("/x/e")),
              NameTree::alt({tree("/d/e"), NameTree::alt({tree("/b/b/e"), tree("/c/b/e")})}));
    EXPECT_EQ(LookupIndex(dtab("/foo => /")).lookup(P("/foo/bar")), tree("/bar"));
    EXPECT_EQ(LookupIndex(dtab("/foo => /x")).lookup(P("/foobar")), NameTree::neg());
    EXPECT_EQ(LookupIndex(dtab("/ => /x")).lookup(P("/")), tree("/x"));
    EXPECT_EQ(LookupIndex(dtab("/a/* => /x")).lookup(P("/a")), NameTree::neg());
}

TEST(DtabLookup, IndexAgreesWithLinearScan) {
    std::mt19937 rng(82);
    const char* labels[] = {"a", "b", "c"};
    for (int round = 0; round < 200; ++round) {
        Dtab d;
        int n = 1 + static_cast<int>(rng() % 12);
        for (int i = 0; i < n; ++i) {
            Dentry e;
            int m = static_cast<int>(rng() % 4);
            for (int j = 0; j < m; ++j)
                e.prefix.elems.push_back(rng() % 4 == 0 ? PrefixElement{"", true}
                                                        : PrefixElement{labels[rng() % 3], false});
            e.dst = NameTree::leaf(make_path({std::to_string(i)}));
            d.dentries.push_back(e);
        }
        LookupIndex index(d);
        for (int q = 0; q < 20; ++q) {
            Path p;
            int m = static_cast<int>(rng() % 5);
            for (int j = 0; j < m; ++j) p.elems.push_back(labels[rng() % 3]);
            ASSERT_EQ(index.lookup(p), lookup_linear(d, p)) << show(d) << " " << show(p);
        }
    }
}

TEST(DtabLookup, CoveringAgreesWithBruteForce) {
    auto covers = [](const Prefix& later, const Prefix& earlier) {
        if (later.size() > earlier.size()) return false;
        for (std::size_t i = 0; i < later.size(); ++i) {
            if (later.elems[i].wildcard) continue;
            if (earlier.elems[i].wildcard || later.elems[i].label != earlier.elems[i].label) return false;
        }
        return true;
    };
    std::mt19937 rng(5);
    const char* labels[] = {"a", "b"};
    for (int round = 0; round < 100; ++round) {
        Dtab d;
        for (int i = 0; i < 10; ++i) {
            Dentry e;
            int m = static_cast<int>(rng() % 4);
            for (int j = 0; j < m; ++j)
                e.prefix.elems.push_back(rng() % 3 == 0 ? PrefixElement{"", true}
                                                        : PrefixElement{labels[rng() % 2], false});
            d.dentries.push_back(e);
        }
        LookupIndex index(d);
        for (const auto& probe : d.dentries) {
            std::vector<std::size_t> expected;
            for (std::size_t j = 0; j < d.size(); ++j)
                if (covers(d.dentries[j].prefix, probe.prefix)) expected.push_back(j);
            ASSERT_EQ(index.covering(probe.prefix), expected) << show(d) << " " << show(probe.prefix);
        }
    }
}

TEST(DtabBind, LoopsHitTheDepthLimit_92_93) {
    Namers namers;
    auto r = bind(dtab("/foo/bar => /bar/foo; /bar/foo => /foo/bar"), tree("/foo/bar"), namers);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "Max recursion level: 100 reached in Namer lookup");
    BindLimits two;
    two.max_depth = 2;
    Addr a = resolve(dtab("/s => /s/srv"), P("/s/foo/bar"), namers, two);
    EXPECT_EQ(a.kind, Addr::Kind::Failed);
    EXPECT_EQ(a.cause, "Max recursion level: 2 reached in Namer lookup");
    EXPECT_FALSE(bind(dtab("/ => /x"), tree("/a"), namers));
}

TEST(DtabBind, DepthCountsLookups) {
    // 99 dtab lookups plus the final namer lookup (100) bind; one more does not.
    std::string chain;
    for (int i = 0; i < 98; ++i) chain += "/p" + std::to_string(i) + "=>/p" + std::to_string(i + 1) + ";";
    chain += "/p98=>/$/nil";
    Namers namers;
    EXPECT_TRUE(bind(dtab(chain), tree("/p0"), namers));
    EXPECT_FALSE(bind(dtab("/q=>/p0;" + chain), tree("/q"), namers));
}

TEST(DtabBind, AltAndUnion_94_to_98) {
    Namers namers(test_namers([](const Path& rest) {
        NamerResult r;
        if (rest == P("/1") || rest == P("/2")) return bound_to(concat(P("/#/test"), rest), 1);
        return r;
    }));
    Dtab d = dtab("/test => /#/test");
    EXPECT_EQ(bind(d, tree("! | /test/1 | /test/2"), namers)->kind, BoundTree::Kind::Fail);
    EXPECT_EQ(bind(d, tree("~ | /$/fail | /test/1"), namers)->kind, BoundTree::Kind::Fail);
    EXPECT_EQ(bind(d, tree("/$/nil | /$/fail | /test/1"), namers)->kind, BoundTree::Kind::Empty);
    // #98: the first Alt child is Empty, the union after it is never consulted.
    EXPECT_EQ(bind(dtab("/test/0 => $;/test => /#/test"), tree("/test/0 | /test/1 & /test/2"), namers)->kind,
              BoundTree::Kind::Empty);
}

TEST(DtabBind, UnionOutcomes_97) {
    auto namer = [](const Path& rest) {
        NamerResult r;
        std::string what = rest.empty() ? "" : rest.elems[0];
        if (what == "ok") return bound_to(P("/#/test/ok"), 1);
        if (what == "failed") {
            r.kind = NamerResult::Kind::Error;
            r.message = "boom";
        }
        if (what == "empty") r.kind = NamerResult::Kind::Empty;
        return r;
    };
    Namers namers(test_namers(namer));
    Dtab d;
    auto ok_failed = bind(d, tree("/#/test/ok & /#/test/failed"), namers);
    ASSERT_TRUE(ok_failed);
    EXPECT_EQ(ok_failed->kind, BoundTree::Kind::Leaf);
    EXPECT_EQ(ok_failed->bound.id, P("/#/test/ok"));
    auto failed = bind(d, tree("/#/test/failed & /#/test/failed"), namers);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().message, "boom");
    EXPECT_EQ(bind(d, tree("/#/test/neg & /#/test/neg"), namers)->kind, BoundTree::Kind::Neg);
    EXPECT_EQ(bind(d, tree("/#/test/empty & /#/test/neg"), namers)->kind, BoundTree::Kind::Empty);
    auto both = bind(d, tree("/#/test/ok & 2 * /$/inet/127.1/80"), namers);
    ASSERT_TRUE(both);
    EXPECT_EQ(both->kind, BoundTree::Kind::Union);
    EXPECT_EQ(
        to_json(*both),
        R"({"type":"union","union":[{"weight":1.0,"tree":{"type":"leaf","bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":1,"meta":{}}],"meta":{"namer_nametree_weight":1.0}},"id":"/#/test/ok","path":"/"}}},{"weight":2.0,"tree":{"type":"leaf","bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":80,"meta":{}}],"meta":{"namer_nametree_weight":2.0}},"id":"/$/inet/127.1/80","path":"/"}}}]})");
}

TEST(DtabGlobalNamer, Inet_99_to_107) {
    NamerResult r = lookup_global(P("/$/inet/1234"));
    ASSERT_EQ(r.kind, NamerResult::Kind::Bound);
    // Finagle's Address(1234) is the loopback address (NamerTest "Namer.global: /$/inet")
    EXPECT_EQ(r.bound.addr.addrs, (std::vector<SocketAddress>{{"127.0.0.1", 1234}}));
    r = lookup_global(P("/$/inet/127.0.0.1/1234"));
    EXPECT_EQ(r.bound.addr.addrs, (std::vector<SocketAddress>{{"127.0.0.1", 1234}}));
    r = lookup_global(P("/$/inet"));
    EXPECT_EQ(r.kind, NamerResult::Kind::Error);
    EXPECT_EQ(r.message, "Unknown namer: inet for path: /$/inet");
    r = lookup_global(P("/$/inet/1234/foobar"));
    EXPECT_EQ(r.bound.id, P("/$/inet/1234"));
    EXPECT_EQ(r.bound.residual, P("/foobar"));
    r = lookup_global(P("/$/inet/1234/5678"));
    EXPECT_EQ(r.bound.id, P("/$/inet/1234/5678"));
    EXPECT_EQ(r.bound.addr.kind, Addr::Kind::Bound);
    EXPECT_EQ(r.bound.addr.addrs.front().ip, "0.0.4.210");  // Java reads "1234" as an IPv4 number
    EXPECT_EQ(lookup_global(make_path({"$", "inet", "web", "+80"})).bound.addr.kind, Addr::Kind::Pending);
    EXPECT_EQ(lookup_global(P("/$/inet/h/70000")).message, "port out of range:70000");
    EXPECT_EQ(lookup_global(P("/$/fixedinet/127.1/1")).bound.addr.addrs.front().ip, "127.0.0.1");
    EXPECT_EQ(lookup_global(P("/$/fail")).kind, NamerResult::Kind::Fail);
    EXPECT_EQ(lookup_global(P("/$/fail/foo/bar")).kind, NamerResult::Kind::Fail);
    EXPECT_EQ(lookup_global(P("/$/nil")).kind, NamerResult::Kind::Empty);
    EXPECT_EQ(lookup_global(P("/$/nil/foo/bar")).kind, NamerResult::Kind::Empty);
    EXPECT_EQ(lookup_global(P("/foo/bar/bah/blah")).kind, NamerResult::Kind::Neg);
    EXPECT_EQ(lookup_global(P("/foo/bar")).kind, NamerResult::Kind::Neg);
    Namers namers;
    EXPECT_EQ(resolve(Dtab{}, P("/s/foo"), namers).kind, Addr::Kind::Neg);
    Addr a = resolve(dtab("/s=>/$/inet/127.1/8080"), P("/s/foo"), namers);
    EXPECT_EQ(a.kind, Addr::Kind::Bound);
    EXPECT_EQ(a.addrs, (std::vector<SocketAddress>{{"127.0.0.1", 8080}}));
    EXPECT_EQ(inet_addr("::1", 80).addrs.front().ip, "0:0:0:0:0:0:0:1");
}

TEST(DtabUtilityNamers, Rewrites_109_to_117) {
    auto rewrite_of = [](std::string_view p) {
        NamerResult r = lookup_global(P(p));
        return r.kind == NamerResult::Kind::Rewrite ? show(r.path) : std::string("neg");
    };
    EXPECT_EQ(rewrite_of("/$/io.buoyant.hostportPfx/ia/127.1:8080/etc"), "/ia/127.1/8080/etc");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.hostportPfx/ia/google.com:8180:abcdef/etc"), "neg");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.porthostPfx/ia/127.1:8080/etc"), "/ia/8080/127.1/etc");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.hostportPfx/ia/google.com:http/etc"), "/ia/google.com/http/etc");
    NamerResult rinet = lookup_global(P("/$/io.buoyant.rinet/12345/localhost/residual"));
    ASSERT_EQ(rinet.kind, NamerResult::Kind::Bound);
    EXPECT_EQ(rinet.bound.id, P("/$/io.buoyant.rinet/12345/localhost"));
    EXPECT_EQ(rinet.bound.residual, P("/residual"));
    EXPECT_EQ(lookup_global(P("/$/io.buoyant.rinet/12345")).kind, NamerResult::Kind::Neg);
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.anyMethod/GET/foo/bar/bah"), "/foo/bar/bah");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.anyMethod/A.B/foo/bar/bah"), "neg");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.anyHost/a%b/foo/bar/bah"), "neg");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.anyHost/a.b:80/foo"), "/foo");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.subdomainOfPfx/a.b/foo/bar.a.b:9090/bah"), "/foo/bar/bah");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.subdomainOf/a.b/a.b/bah"), "neg");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.domainToPathPfx/pfx/foo.buoyant.io"), "/pfx/io/buoyant/foo");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.http.domainToPath/a.b.c/rest"), "/c/b/a/rest");
    EXPECT_EQ(rewrite_of("/$/io.buoyant.hostportPfx"), "neg");
    EXPECT_EQ(lookup_global(P("/$/com.example.Nope/x")).message,
              "Unknown namer: com.example.Nope for path: /$/com.example.Nope/x");
}

// Finagle 21.4.0 NamerTest "NameTree.bind: union" / "failover": a union member's bound address
// carries its weight as namer_nametree_weight; a leaf outside any union carries none.
TEST(DtabBind, UnionMembersCarryTheirWeightInAddrMetadata) {
    Dtab d = dtab("/test/0=>/test/2;/test/1=>/$/inet/1;/test/2=>/$/inet/2");
    Namers namers((NamerConfig()));
    auto both = bind(d, tree("/test/0 & /test/1"), namers);
    ASSERT_TRUE(both);
    ASSERT_EQ(both->kind, BoundTree::Kind::Union);
    for (const auto* leaf : bound_leaves(*both)) EXPECT_EQ(leaf->addr.nametree_weight, 1.0);
    auto weighted = bind(d, tree("0.3 * /test/0 & 0.7 * /test/1 | /test/2"), namers);
    ASSERT_TRUE(weighted);
    auto leaves = bound_leaves(*weighted);
    ASSERT_EQ(leaves.size(), 2u);
    EXPECT_EQ(leaves[0]->addr.nametree_weight, 0.3);
    EXPECT_EQ(leaves[1]->addr.nametree_weight, 0.7);
    auto alone = bind(d, tree("/test/0 | /test/1 & /test/2"), namers);
    ASSERT_TRUE(alone);
    ASSERT_EQ(bound_leaves(*alone).size(), 1u);
    EXPECT_FALSE(bound_leaves(*alone).front()->addr.nametree_weight.has_value());
    EXPECT_EQ(
        to_json(*alone),
        R"({"type":"leaf","bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":2,"meta":{}}],"meta":{}},"id":"/$/inet/2","path":"/"}})");
}

// Java resolves "localhost" to the loopback address without DNS; Finagle's InetResolver answers
// a missing host with InetAddress.getLoopbackAddress (Address(port)).
TEST(DtabGlobalNamer, LocalhostAndNoHostAreLoopback) {
    for (const char* p :
         {"/$/inet/localhost/1234", "/$/fixedinet/localhost/1234", "/$/inet/1234", "/$/fixedinet/1234"}) {
        NamerResult r = lookup_global(P(p));
        ASSERT_EQ(r.kind, NamerResult::Kind::Bound) << p;
        EXPECT_EQ(r.bound.addr.kind, Addr::Kind::Bound) << p;
        EXPECT_EQ(r.bound.addr.addrs, (std::vector<SocketAddress>{{"127.0.0.1", 1234}})) << p;
    }
}

// Spec section 4.8 and the examples of sections 2.8, 3.3 and 3.5: linkerd's delegator, offline.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "libmesh/dtab/binder.hpp"
#include "libmesh/dtab/delegate_json.hpp"
#include "libmesh/dtab/delegate_tree.hpp"
#include "libmesh/dtab/parser.hpp"
#include "tests/dtab/dtab_literals.hpp"
#include "tests/support/build_paths.hpp"

using namespace mesh::dtab;
using namespace mesh::dtab::literals;

namespace {

std::string read_testdata(const std::string& name) {
    std::ifstream in(std::string(mesh::testing::source_dir()) + "/testdata/dtab/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// linkerd's tests mount a namer at /#/namer (id = the mount, residual = the rest) and one at
// /#/error that always throws.
NamerConfig delegator_test_namers() {
    NamerConfig c;
    c.symbolic_hash_namers = false;
    c.mounted.emplace_back("namer", [](const Path& rest) {
        NamerResult r;
        r.kind = NamerResult::Kind::Bound;
        r.bound.id = P("/#/namer");
        r.bound.residual = rest;
        return r;
    });
    c.mounted.emplace_back("error", [](const Path& rest) {
        NamerResult r;
        r.kind = NamerResult::Kind::Error;
        r.message = "error naming " + show(concat(P("/#/error"), rest));
        return r;
    });
    return c;
}

std::string delegate_json(const Dtab& d, std::string_view path, const NamerConfig& config = delegator_test_namers()) {
    Namers namers(config);
    auto r = delegate(d, P(path), namers);
    EXPECT_TRUE(r) << path << ": " << (r ? "" : r.error().message);
    return r ? to_json(*r) : std::string();
}

const char* k_dtab_a = "/bah/humbug => /$/inet/127.1/8080; /beh => /#/error; /foo => /bah | /$/fail; /foo => /bar; "
                       "/boo => /foo; /meh => /heh";
const char* k_dtab_dah = "/bah/humbug => /$/inet/127.1/8080; /beh => /#/error; /foo => /bah | /beh | /$/fail; "
                         "/foo => /bar; /boo => /foo; /meh => /heh; /neg => ~";

}  // namespace

TEST(DtabDelegate, NamerLeaf_118) {
    EXPECT_EQ(
        delegate_json(dtab("/nah=>/#/namer"), "/nah/bro"),
        R"({"type":"delegate","path":"/nah/bro","delegate":{"type":"leaf","path":"/#/namer/bro","dentry":{"prefix":"/nah","dst":"/#/namer"},"bound":{"addr":{"type":"pending"},"id":"/#/namer","path":"/bro"}}})");
}

TEST(DtabDelegate, DtabA_119_to_123) {
    Dtab a = dtab(k_dtab_a);
    EXPECT_EQ(delegate_json(a, "/nope"), R"({"type":"neg","path":"/nope"})");
    EXPECT_EQ(
        delegate_json(a, "/meh/hey"),
        R"({"type":"delegate","path":"/meh/hey","delegate":{"type":"neg","path":"/heh/hey","dentry":{"prefix":"/meh","dst":"/heh"}}})");
    EXPECT_EQ(
        delegate_json(a, "/boo/lol"),
        R"({"type":"delegate","path":"/boo/lol","delegate":{"type":"alt","path":"/foo/lol","dentry":{"prefix":"/boo","dst":"/foo"},"alt":[)"
        R"({"type":"neg","path":"/bar/lol","dentry":{"prefix":"/foo","dst":"/bar"}},)"
        R"({"type":"neg","path":"/bah/lol","dentry":{"prefix":"/foo","dst":"/bah | /$/fail"}},)"
        R"({"type":"fail","path":"/$/fail/lol","dentry":{"prefix":"/foo","dst":"/bah | /$/fail"}}]}})");
    std::string humbug = delegate_json(a, "/boo/humbug/ya");
    EXPECT_NE(
        humbug.find(
            R"({"type":"delegate","path":"/bah/humbug/ya","dentry":{"prefix":"/foo","dst":"/bah | /$/fail"},"delegate":{"type":"leaf","path":"/$/inet/127.1/8080/ya","dentry":{"prefix":"/bah/humbug","dst":"/$/inet/127.1/8080"},"bound":{"addr":{"type":"bound","addrs":[{"ip":"127.0.0.1","port":8080,"meta":{}}],"meta":{}},"id":"/$/inet/127.1/8080","path":"/ya"}}})"),
        std::string::npos)
        << humbug;
    EXPECT_EQ(
        delegate_json(a, "/beh/humbug"),
        R"({"type":"delegate","path":"/beh/humbug","delegate":{"type":"exception","path":"/#/error/humbug","dentry":{"prefix":"/beh","dst":"/#/error"},"message":"error naming /#/error/humbug"}})");
}

TEST(DtabDelegate, DelegatorJsonByteForByte_124_to_126) {
    Dtab d = dtab(k_dtab_dah);
    std::string expected = read_testdata("linkerd-delegator-json-delegate-tree.json");
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    EXPECT_EQ(delegate_json(d, "/boo/humbug"), expected);
    EXPECT_EQ(
        delegate_json(d, "/meh"),
        R"({"type":"delegate","path":"/meh","delegate":{"type":"neg","path":"/heh","dentry":{"prefix":"/meh","dst":"/heh"}}})");
    EXPECT_EQ(
        delegate_json(d, "/neg"),
        R"({"type":"delegate","path":"/neg","delegate":{"type":"neg","path":"~","dentry":{"prefix":"/neg","dst":"~"}}})");
}

TEST(DtabDelegate, NamespaceAndExtraDtab_129_to_131) {
    Dtab ns = dtab("/yeezy => /yeezus");
    EXPECT_EQ(
        delegate_json(ns, "/yeezy"),
        R"({"type":"delegate","path":"/yeezy","delegate":{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}})");
    EXPECT_EQ(
        delegate_json(dtab("/foo=>/bar"), "/foo"),
        R"({"type":"delegate","path":"/foo","delegate":{"type":"neg","path":"/bar","dentry":{"prefix":"/foo","dst":"/bar"}}})");
    EXPECT_EQ(
        delegate_json(concat(ns, dtab("/yeezy=>/bar")), "/yeezy"),
        R"({"type":"alt","path":"/yeezy","alt":[{"type":"neg","path":"/bar","dentry":{"prefix":"/yeezy","dst":"/bar"}},{"type":"neg","path":"/yeezus","dentry":{"prefix":"/yeezy","dst":"/yeezus"}}]})");
}

TEST(DtabDelegate, Simplify_133_to_135) {
    Dentry ab = *parse_dentry("/a=>/b");
    Dentry bcd = *parse_dentry("/b=>/c|/d");
    Dentry bneg = *parse_dentry("/b=>~");
    auto node = [](DelegateNode::Kind k, std::string_view p, const Dentry* d) {
        DelegateNode n;
        n.kind = k;
        n.path = P(p);
        n.dentry = d;
        return n;
    };
    auto leaf = [&](std::string_view p) {
        DelegateNode l = node(DelegateNode::Kind::Leaf, p, &bcd);
        l.bound.id = P(p);
        return l;
    };
    DelegateNode alt = node(DelegateNode::Kind::Alt, "/b", &bcd);
    alt.children = {leaf("/c"), leaf("/d")};
    DelegateNode inner = node(DelegateNode::Kind::Delegate, "/b", &ab);
    inner.children = {alt};
    DelegateNode outer = node(DelegateNode::Kind::Delegate, "/a", nullptr);
    outer.children = {inner};
    DelegateNode s = simplify(outer);
    ASSERT_EQ(s.kind, DelegateNode::Kind::Delegate);
    ASSERT_EQ(s.children.size(), 1u);
    EXPECT_EQ(s.children[0].kind, DelegateNode::Kind::Alt);
    EXPECT_EQ(s.children[0].path, P("/b"));
    EXPECT_EQ(s.children[0].dentry, &ab);
    EXPECT_EQ(s.children[0].children.size(), 2u);
    // 154/155: the trace route to a leaf, and none for an absent one.
    EXPECT_EQ(route_to(s, P("/d")), (std::vector<std::string>{"  /a", "  /b (/a=>/b)", "  /d (/b=>/c | /d)"}));
    EXPECT_TRUE(route_to(s, P("/e")).empty());

    for (auto kind : {DelegateNode::Kind::Alt, DelegateNode::Kind::Union}) {
        DelegateNode one = node(kind, "/b", &bcd);
        one.children = {leaf("/c")};
        one.weights = {1.0};
        DelegateNode wrap = node(DelegateNode::Kind::Delegate, "/b", &ab);
        wrap.children = {one};
        DelegateNode r = simplify(wrap);
        EXPECT_EQ(r.kind, DelegateNode::Kind::Delegate);
        EXPECT_EQ(r.path, P("/b"));
        ASSERT_EQ(r.children.size(), 1u);
        EXPECT_EQ(r.children[0].kind, DelegateNode::Kind::Leaf);
        DelegateNode none = node(kind, "/b", &bneg);
        DelegateNode n = simplify(none);
        EXPECT_EQ(n.kind, DelegateNode::Kind::Neg);
        EXPECT_EQ(n.dentry, &bneg);
    }
}

TEST(DtabDelegate, TraceRoute_157) {
    Dtab d = dtab("/srv=>/$/inet/127.1/4140;/svc=>/srv");
    Namers namers;
    auto r = delegate(d, P("/svc/dog"), namers);
    ASSERT_TRUE(r);
    EXPECT_EQ(first_route(*r), (std::vector<std::string>{"  /svc/dog", "  /srv/dog (/svc=>/srv)",
                                                         "  /$/inet/127.1/4140/dog (/srv=>/$/inet/127.1/4140)"}));
}

TEST(DtabDelegate, RewritingNamerHop) {
    Dtab d = dtab("/ph=>/$/io.buoyant.rinet; /svc=>/$/io.buoyant.porthostPfx/ph");
    EXPECT_EQ(
        delegate_json(d, "/svc/foo:80", NamerConfig{}),
        R"({"type":"delegate","path":"/svc/foo:80","delegate":{"type":"delegate","path":"/ph/80/foo","dentry":{"prefix":"/svc","dst":"/$/io.buoyant.porthostPfx/ph"},"delegate":{"type":"leaf","path":"/$/io.buoyant.rinet/80/foo","dentry":{"prefix":"/ph","dst":"/$/io.buoyant.rinet"},"bound":{"addr":{"type":"pending"},"id":"/$/io.buoyant.rinet/80/foo","path":"/"}}}})");
}

TEST(DtabDelegate, FsNamerExample_3_3) {
    auto dir = std::filesystem::temp_directory_path() / ("mesh-fs-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "web") << "10.0.0.5 8080\n";
    NamerConfig config;
    config.fs_dir = dir.string();
    std::string got =
        delegate_json(dtab("/srv=>/#/io.l5d.fs;/svc=>/srv;/svc/web=>/srv/web-v3|/srv/web"), "/svc/web/api", config);
    std::filesystem::remove_all(dir);
    std::string leaf =
        R"({"type":"leaf","path":"/#/io.l5d.fs/web/api","dentry":{"prefix":"/srv","dst":"/#/io.l5d.fs"},)"
        R"("bound":{"addr":{"type":"bound","addrs":[{"ip":"10.0.0.5","port":8080,"meta":{}}],"meta":{}},)"
        R"("id":"/#/io.l5d.fs/web","path":"/api"}})";
    EXPECT_EQ(
        got,
        R"({"type":"alt","path":"/svc/web/api","alt":[)"
        R"({"type":"delegate","path":"/srv/web-v3/api","dentry":{"prefix":"/svc/web","dst":"/srv/web-v3 | /srv/web"},)"
        R"("delegate":{"type":"neg","path":"/#/io.l5d.fs/web-v3/api","dentry":{"prefix":"/srv","dst":"/#/io.l5d.fs"}}},)"
        R"({"type":"delegate","path":"/srv/web/api","dentry":{"prefix":"/svc/web","dst":"/srv/web-v3 | /srv/web"},"delegate":)" +
            leaf + "}," +
            R"({"type":"delegate","path":"/srv/web/api","dentry":{"prefix":"/svc","dst":"/srv"},"delegate":)" + leaf +
            "}]}");
}

TEST(DtabDelegate, MaxDepth) {
    Namers namers;
    auto r = delegate(dtab("/s => /s/srv"), P("/s/foo"), namers);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "Max recursion level reached.");
    // Under a two-way alt the loop becomes an exception node and the rest still shows.
    Dtab looping = dtab("/a=>/$/inet/127.1/1; /a => /a/x");  // must outlive the tree
    auto alt = delegate(looping, P("/a"), namers);
    ASSERT_TRUE(alt);
    std::string json = to_json(*alt);
    // Every level is a two-way alt (both /a dentries match /a/x/...); the deepest one holds the error.
    EXPECT_NE(json.find(R"(,"message":"Max recursion level reached."})"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("type":"leaf")"), std::string::npos);
}

TEST(DtabDelegate, ExplosionIsBounded) {
    // Every level doubles the tree; the node limit stops it instead of memory running out.
    std::string text;
    for (int i = 0; i < 60; ++i)
        text += "/p" + std::to_string(i) + "=>/p" + std::to_string(i + 1) + " | /p" + std::to_string(i + 1) + ";";
    Namers namers;
    auto r = delegate(dtab(text), P("/p0"), namers);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("is too large: more than"), std::string::npos);
}

TEST(DtabDelegate, WeightsInJsonAndSymbolicK8s) {
    std::string json =
        delegate_json(dtab("/svc => 0.3 * /#/io.l5d.k8s/prod/http/web & /$/nil"), "/svc/x", NamerConfig{});
    EXPECT_EQ(
        json,
        R"({"type":"union","path":"/svc/x","union":[{"weight":0.3,"tree":{"type":"leaf","path":"/#/io.l5d.k8s/prod/http/web/x","dentry":{"prefix":"/svc","dst":"0.30*/#/io.l5d.k8s/prod/http/web & /$/nil"},"bound":{"addr":{"type":"pending"},"id":"/#/io.l5d.k8s/prod/http/web","path":"/x"}}},{"weight":1.0,"tree":{"type":"empty","path":"/$/nil/x","dentry":{"prefix":"/svc","dst":"0.30*/#/io.l5d.k8s/prod/http/web & /$/nil"}}}]})");
}

TEST(DtabDelegate, TransformationRouteAndJson_156) {
    Dentry ab = *parse_dentry("/a=>/b");
    Dentry bcd = *parse_dentry("/b=>/c|/d");
    auto node = [](DelegateNode::Kind k, std::string_view p, const Dentry* d) {
        DelegateNode n;
        n.kind = k;
        n.path = P(p);
        n.dentry = d;
        return n;
    };
    DelegateNode c = node(DelegateNode::Kind::Leaf, "/c", &bcd);
    c.bound.id = P("/c");
    DelegateNode optimus = node(DelegateNode::Kind::Leaf, "/%/optimus/d", &bcd);
    optimus.bound.id = P("/%/optimus/d");
    DelegateNode t = node(DelegateNode::Kind::Transformation, "/d", nullptr);
    t.message = "Optimus Prime";
    t.bound.id = P("/d");
    t.children = {optimus};
    DelegateNode alt = node(DelegateNode::Kind::Alt, "/b", &ab);
    alt.children = {c, t};
    DelegateNode root = node(DelegateNode::Kind::Delegate, "/a", nullptr);
    root.children = {alt};
    EXPECT_EQ(
        route_to(root, P("/%/optimus/d")),
        (std::vector<std::string>{"  /a", "  /b (/a=>/b)", "  /d (/b=>/c | /d)", "  /%/optimus/d (Optimus Prime)"}));
    EXPECT_EQ(
        to_json(t),
        R"({"type":"transformation","path":"/d","name":"Optimus Prime","bound":{"addr":{"type":"pending"},"id":"/d","path":"/"},"tree":{"type":"leaf","path":"/%/optimus/d","dentry":{"prefix":"/b","dst":"/c | /d"},"bound":{"addr":{"type":"pending"},"id":"/%/optimus/d","path":"/"}}})");
}

TEST(DtabDelegate, GrowingPathsAreBounded) {
    // Each step multiplies the path; within the depth limit it would hold millions of elements.
    Dtab grow = dtab("/s => /s/s/s/s/s/s/s/s | /s/s/s/s/s/s/s/s");
    Namers namers;
    DelegateLimits limits;
    limits.max_path_elements = 100000;
    auto r = delegate(grow, P("/s"), namers, limits);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mesh::core::ErrorCode::Limit);
}

// Linkerd 1.7.5 FsTest "supports weights": `host port * weight` is a WeightedAddress, whose
// weight Finagle keeps in the address's metadata as endpoint_addr_weight; '#' starts a comment.
TEST(DtabDelegate, FsNamerKeepsWeightsAsLinkerdDoes) {
    auto dir = std::filesystem::temp_directory_path() / ("mesh-fs-weights-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "default") << "127.0.0.1 8080\n127.0.0.1 8081 * 0.23 # canary\n";
    std::ofstream(dir / "bad") << "127.0.0.1 8081 0.23\n";
    NamerConfig config;
    config.fs_dir = dir.string();
    Namers namers(config);
    NamerResult r = namers.lookup(P("/#/io.l5d.fs/default"));
    NamerResult bad = namers.lookup(P("/#/io.l5d.fs/bad"));
    std::filesystem::remove_all(dir);
    ASSERT_EQ(r.kind, NamerResult::Kind::Bound);
    EXPECT_EQ(addr_json(r.bound.addr),
              R"({"type":"bound","addrs":[{"ip":"127.0.0.1","port":8080,"meta":{}},)"
              R"({"ip":"127.0.0.1","port":8081,"meta":{"endpoint_addr_weight":0.23}}],"meta":{}})");
    ASSERT_EQ(bad.kind, NamerResult::Kind::Error);
    EXPECT_NE(bad.message.find("malformed address: 127.0.0.1 8081 0.23"), std::string::npos) << bad.message;
}

// Found by the fuzzer: every level doubles through the catch-all union. It must stop at the
// limits (300 MB and 0.9 s before they were lowered; see the DelegateLimits comment).
TEST(DtabDelegate, TheFuzzersBranchingDtabStopsAtTheLimits) {
    Dtab branching = dtab("/ph=>/$/io.buoyPfx/ph; /h=>/an0t.htuanu.rinet; /=>/$/io.buoyant.http.dom& 0.1*/srvrv");
    Namers namers;
    auto r = delegate(branching, P("/ph"), namers);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, mesh::core::ErrorCode::Limit);
    EXPECT_NE(r.error().message.find("more than 50000 nodes or 400000 path elements"), std::string::npos)
        << r.error().message;
}

// The closing `result:` line reads the delegation tree as Finagle's binder evaluates the name: it
// agrees with bind() (tested against Finagle's own cases) on every path of linkerd's delegator
// test dtabs, loops and unions included.
TEST(DtabDelegate, ResultLineAgreesWithTheBinder) {
    Namers namers(delegator_test_namers());
    const std::vector<std::pair<const char*, std::vector<const char*>>> cases{
        {k_dtab_a, {"/foo", "/boo", "/meh", "/bah/humbug", "/beh", "/nothing"}},
        {k_dtab_dah, {"/foo", "/boo", "/neg", "/beh"}},
        {"/a => /b | /c; /b => /a; /c => /$/inet/127.1/80", {"/a", "/c"}},
        {"/s => 1 * /$/inet/127.1/1 & 2 * ~ & 3 * /#/namer/x", {"/s"}},
        {"/s => ~ | ! | /$/inet/127.1/1", {"/s"}},
        {"/s => $ | /$/inet/127.1/1", {"/s"}},
    };
    for (const auto& [text, paths] : cases) {
        Dtab table = dtab(text);
        for (const char* path : paths) {
            auto tree = delegate(table, P(path), namers);
            ASSERT_TRUE(tree) << text << " " << path << ": " << tree.error().message;
            std::string line = result_line(*tree);
            auto bound = bind(table, NameTree::leaf(P(path)), namers);
            std::string where = std::string(text) + "  " + path + "  " + line;
            if (!bound) {
                EXPECT_EQ(line.rfind("result: error: ", 0), 0u)
                    << where << " (binder: " << bound.error().message << ")";
                continue;
            }
            switch (bound->kind) {
            case BoundTree::Kind::Neg: EXPECT_EQ(line, "result: neg") << where; break;
            case BoundTree::Kind::Fail: EXPECT_EQ(line, "result: fail") << where; break;
            case BoundTree::Kind::Empty: EXPECT_EQ(line, "result: empty") << where; break;
            case BoundTree::Kind::Leaf:
            case BoundTree::Kind::Union: {
                auto leaves = bound_leaves(*bound);
                ASSERT_FALSE(leaves.empty()) << where;
                for (const auto* leaf : leaves)
                    EXPECT_NE(line.find(show(leaf->id) + " residual " + show(leaf->residual)), std::string::npos)
                        << where;
                EXPECT_EQ(leaves.size() > 1, line.find(" & ") != std::string::npos) << where;
                break;
            }
            }
        }
    }
}

// A namer class that is not UTF-8 (found by fuzzing outside CI): linkerd's message carries the
// class as Java decoded it, so the delegator.json mesh prints stays valid UTF-8 and reads back.
TEST(DtabDelegate, AnUnknownNamerThatIsNotUtf8StillGivesValidJson) {
    Namers namers;
    Dtab table = dtab(R"(/h => /$/i22\x88/x)");  // outlives the tree, which points into it
    auto tree = delegate(table, P("/h/r"), namers);
    ASSERT_TRUE(tree) << tree.error().message;
    std::string json = to_json(*tree);
    EXPECT_NE(json.find("\"message\":\"Unknown namer: i22\xEF\xBF\xBD for path: "), std::string::npos) << json;
    auto back = parse_delegate_json(json, "test");
    ASSERT_TRUE(back) << back.error().message;
}

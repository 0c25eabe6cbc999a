// linkerd's io.l5d.rewrite namer, offline. The cases are linkerd's own: PathMatcherTest
// (finagle/buoyant, com.twitter.finagle.buoyant.PathMatcher, which RewritingNamer uses) and
// RewritingNamerTest (namer/core), each capture checked through the name it is substituted into.

#include "libmesh/dtab/rewrite_namer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "libmesh/dtab/delegate_tree.hpp"
#include "tests/dtab/dtab_literals.hpp"

using namespace mesh::dtab;
using namespace mesh::dtab::literals;

namespace {

// The path `pattern` and `name` rewrite `path` to, shown; nullopt when the namer says Neg.
std::optional<std::string> rewritten(const std::string& pattern, const std::string& name, std::string_view path) {
    NamerResult r = rewrite_namer(pattern, name)(P(path));
    if (r.kind == NamerResult::Kind::Neg) return std::nullopt;
    EXPECT_EQ(r.kind, NamerResult::Kind::Rewrite) << pattern << " " << path << ": " << r.message;
    return show(r.path);
}

}  // namespace

TEST(RewriteNamer, PathMatcherCasesOfLinkerd) {
    EXPECT_EQ(rewritten("/foo/bar", "/ok", "/foo/bar"), "/ok");         // exact match
    EXPECT_EQ(rewritten("/foo/bar", "/ok", "/foo/bar/bas"), "/ok");     // prefix match: the rest is dropped
    EXPECT_EQ(rewritten("/foo/bar", "/ok", "/foo/goo"), std::nullopt);  // mismatch
    EXPECT_EQ(rewritten("/foo/bar", "/ok", "/foo"), std::nullopt);      // path too short
    EXPECT_EQ(rewritten("/foo/*/*", "/ok", "/foo/hi/there"), "/ok");    // wildcard match
    EXPECT_EQ(rewritten("/foo/{A}", "/{A}", "/foo/bar/bas"), "/bar");   // capture segments
    EXPECT_EQ(rewritten("/foo/bar/{A}:http", "/{A}", "/foo/bar/bas:http"), "/bas");  // with endpoint
    EXPECT_EQ(rewritten("/foo/{A}/*/{B}", "/{A}/{B}", "/foo/boo/bar/bas"), "/boo/bas");
    // Capture segments from partial expressions.
    EXPECT_EQ(rewritten("/foo/bar/{A}.com/{B}", "/{A}/{B}", "/foo/bar/foo.com/80"), "/foo/80");
    EXPECT_EQ(rewritten("/foo/bar/{A}-{B}/{C}", "/{A}/{B}/{C}", "/foo/bar/foo-com/80"), "/foo/com/80");
    EXPECT_EQ(rewritten("/foo/bar/{A}.{B}/{C}", "/{A}/{B}/{C}", "/foo/bar/foo.com/80"), "/foo/com/80");
    EXPECT_EQ(rewritten("/foo/bar/{A}.{B}.{C}/{D}", "/{A}/{B}/{C}/{D}", "/foo/bar/www.foo.com/80"), "/www/foo/com/80");
    EXPECT_EQ(rewritten("/foo/{A}/*/{B}:http", "/{A}/{B}", "/foo/boo/bar/bas:http"), "/boo/bas");
    EXPECT_EQ(rewritten("/foo/bar/{A}-{B}", "/{A}/{B}", "/foo/bar/foo-bar-baz"), "/foo-bar/baz");  // greedy
    EXPECT_EQ(rewritten("/foo/{A}/bar", "/{A}", "/foo/bar/bad"), std::nullopt);                    // failed capture
    EXPECT_EQ(rewritten("/foo/{A}:http", "/{A}", "/foo/bar/bas:http"), std::nullopt);              // ... with endpoint
    EXPECT_EQ(rewritten("/foo/{A}/*/{B}", "/{A}/and/{B}", "/foo/boo/bar/bas"), "/boo/and/bas");    // substitute
    EXPECT_EQ(rewritten("/foo/{A}/*/{B}", "/{A}/and/{B}", "/goo/boo/bar/bas"), std::nullopt);      // failed one
}

TEST(RewriteNamer, RewritingNamerCasesOfLinkerd) {
    EXPECT_EQ(rewritten("/one/two", "/success", "/one/two/three"), "/success");       // matches prefix
    EXPECT_EQ(rewritten("/one/*/three", "/success", "/one/two/three"), "/success");   // matches wildcard
    EXPECT_EQ(rewritten("/one/*/four", "/success", "/one/two/three"), std::nullopt);  // mismatch
    EXPECT_EQ(rewritten("/{foo}/*/three", "/success/{foo}", "/one/two/three"), "/success/one");
    EXPECT_EQ(rewritten("/{foo}/*/four", "/success/{foo}", "/one/two/three"), std::nullopt);  // failed capture
}

// servicemesh.yml's namer, and what Finagle's shown form does to captures: an element is matched
// and captured as shown (`\x` escapes), and the new name is read back, escapes decoded.
TEST(RewriteNamer, ServicemeshPortNsSvcAndEscapedElements) {
    const std::string pattern = "/{port}/{ns}/{svc}", name = "/k8s/{ns}/{port}/{svc}";
    EXPECT_EQ(rewritten(pattern, name, "/http/default/hello"), "/k8s/default/http/hello");
    EXPECT_EQ(rewritten(pattern, name, "/http/default/hello/extra"), "/k8s/default/http/hello");
    EXPECT_EQ(rewritten(pattern, name, "/http/default"), std::nullopt);
    // Finagle shows an element with any byte outside [A-Za-z0-9_:.#$%-] wholly as \x escapes.
    EXPECT_EQ(rewritten(pattern, name, R"(/http/default/a\x20b)"), R"(/k8s/default/http/\x61\x20\x62)");
}

// The capture syntax as linkerd's regex finds it, and patterns a hostile /config.json could send.
TEST(RewriteNamer, CaptureSyntaxAndHostilePatterns) {
    EXPECT_EQ(rewritten("/{{a}", "/{a}", R"(/\x7bx)"), std::nullopt);  // a shown element never holds '{'
    EXPECT_EQ(rewritten("/x{a}", "/{a}", "/yxz"), "/z");               // searched for, not anchored
    EXPECT_EQ(rewritten("/{a}:http", "/{a}", "/b:httpx"), "/b");       // the match may end early
    EXPECT_EQ(rewritten("/{}", "/ok", R"(/\x7b\x7d)"), std::nullopt);  // "{}" is literal text
    EXPECT_EQ(rewritten("/{a}-{a}", "/{a}", "/x-y"), "/y");            // a name captured twice: the last
    EXPECT_EQ(rewritten("/{A_b.c:d}", "/{A_b.c:d}", "/v"), "/v");      // key characters: [a-zA-Z0-9.] and ':'..'_'
    std::string many;
    for (int i = 0; i < 100000; ++i) many += "{a}x";
    EXPECT_EQ(rewritten("/" + many, "/{a}", "/xxxx"), std::nullopt);  // too many pieces: no deep recursion
    std::string element(2000, 'x');
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(rewritten("/{a}x{b}x{c}x{d}y", "/{a}", "/" + element), std::nullopt);  // no 'y': every split fails
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20)) << "the search backtracked blindly";
}

// Where linkerd's matcher fails rather than answers, the namer is an error, not a binding.
TEST(RewriteNamer, AWildcardPastThePathsEndAndABadNameAreErrors) {
    NamerResult past = rewrite_namer("/a/*", "/ok")(P("/a"));
    EXPECT_EQ(past.kind, NamerResult::Kind::Error);
    NamerResult bad = rewrite_namer("/{a}", "no-leading-slash/{a}")(P("/x"));
    EXPECT_EQ(bad.kind, NamerResult::Kind::Error);
}

// A path under a mounted namer that answers Neg is Neg: linkerd then asks Finagle's global
// namer, which has nothing under /#, so no symbolic binding follows.
TEST(RewriteNamer, NegFromAMountedNamerIsNotBoundSymbolically) {
    NamerConfig config;
    config.mounted.emplace_back("portNsSvcToK8s", rewrite_namer("/{port}/{ns}/{svc}", "/k8s/{ns}/{port}/{svc}"));
    Namers namers(config);
    EXPECT_EQ(namers.lookup(P("/#/portNsSvcToK8s/http")).kind, NamerResult::Kind::Neg);
    EXPECT_EQ(namers.lookup(P("/#/io.l5d.k8s/default/http/hello")).kind, NamerResult::Kind::Bound);  // symbolic
    auto tree = delegate(dtab("/k8s => /#/io.l5d.k8s; /p => /#/portNsSvcToK8s"), P("/p/http/default/hello"), namers);
    ASSERT_TRUE(tree) << tree.error().message;
    EXPECT_EQ(result_line(*tree), "result: /#/io.l5d.k8s/default/http/hello residual / [address unknown offline: namer "
                                  "io.l5d.k8s needs live service discovery]");
}

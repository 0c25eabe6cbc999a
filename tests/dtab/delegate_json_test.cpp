// Reading linkerd's /delegator.json back: DelegateApiHandlerTest's recorded answers (linkerd
// 1.7.5) must render again byte for byte, and hostile answers must fail cleanly.

#include "libmesh/dtab/delegate_json.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/support/test_files.hpp"

using namespace mesh::dtab;

namespace {

std::string recorded() {
    std::string text = mesh::testing::read_test_file("testdata/admin/linkerd-delegator-json-delegate-tree.json");
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

}  // namespace

TEST(DelegateJson, RecordedAnswerRendersBackByteForByte) {
    std::string text = recorded();
    ASSERT_FALSE(text.empty());
    auto parsed = parse_delegate_json(text, "delegator.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(to_json(parsed->root), text);
}

// The other expected bodies of DelegateApiHandlerTest ("delegates to neg when no matches found",
// "delegation for explicit neg is shown"), as the test writes them.
TEST(DelegateJson, NegAnswersOfTheHandlerTestRenderBack) {
    for (
        std::string text : {
            R"({"type":"delegate","path":"/meh","delegate":{"type":"neg","path":"/heh","dentry":{"prefix":"/meh","dst":"/heh"}}})",
            R"({"type":"delegate","path":"/neg","delegate":{"type":"neg","path":"~","dentry":{"prefix":"/neg","dst":"~"}}})",
        }) {
        auto parsed = parse_delegate_json(text, "delegator.json");
        ASSERT_TRUE(parsed) << parsed.error().message;
        EXPECT_EQ(to_json(parsed->root), text);
    }
}

TEST(DelegateJson, TextNamesEveryStepAndTheServersOwnError) {
    auto parsed = parse_delegate_json(recorded(), "delegator.json");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(to_text(parsed->root),
              "/boo/humbug\n"
              "  /foo/humbug (/boo=>/foo)  alt: first that is not neg wins\n"
              "    /bar/humbug (/foo=>/bar)  ~ neg: no dentry or namer matches\n"
              "    /bah/humbug (/foo=>/bah | /beh | /$/fail)\n"
              "      /$/inet/127.1/8080 (/bah/humbug=>/$/inet/127.1/8080)  => /$/inet/127.1/8080 residual / "
              "[127.0.0.1:8080]\n"
              "    /beh/humbug (/foo=>/bah | /beh | /$/fail)\n"
              "      /#/error/humbug (/beh=>/#/error)  error: error naming /#/error/humbug\n"
              "    /$/fail/humbug (/foo=>/bah | /beh | /$/fail)  ! fail\n");
}

TEST(DelegateJson, MovedDelegationsKeepTheirDentries) {
    std::vector<ParsedDelegation> all;
    for (int i = 0; i < 20; ++i) {
        auto parsed = parse_delegate_json(recorded(), "delegator.json");
        ASSERT_TRUE(parsed);
        all.push_back(std::move(*parsed));
    }
    for (const auto& d : all) EXPECT_EQ(to_json(d.root), recorded());
}

// linkerd's messages quote paths in Finagle's shown form, whose `\x` escapes are the server's own:
// they are shown as written, as offline delegation shows its own messages, not with doubled
// backslashes; a control byte is still escaped.
TEST(DelegateJson, AServersMessageKeepsItsOwnBackslashes) {
    std::string text = R"({"type":"exception","path":"/$/inet/127.1/\\x38\\x30","dentry":null,)"
                       R"("message":"Unknown namer: inet for path: /$/inet/127.1/\\x38\\x30\u001b"})";
    auto parsed = parse_delegate_json(text, "delegator.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->root.message, "Unknown namer: inet for path: /$/inet/127.1/\\x38\\x30\\x1b");
}

TEST(DelegateJson, UnionWeightsTransformationsAndAddrKinds) {
    std::string text =
        R"({"type":"union","path":"/svc/a","union":[{"weight":0.75,"tree":{"type":"leaf","path":"/#/x/a",)"
        R"("bound":{"addr":{"type":"bound","addrs":[{"ip":"10.0.0.1","port":80,"meta":{"nodeName":"n1"}}],"meta":{}},)"
        R"("id":"/#/x/a","path":"/"}}},{"weight":0.25,"tree":{"type":"leaf","path":"/#/x/b","bound":{"addr":)"
        R"({"type":"failed","cause":"boom\u001b[31m"},"id":"/#/x/b","path":"/rest"}}}]})";
    auto parsed = parse_delegate_json(text, "delegator.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    const DelegateNode& root = parsed->root;
    ASSERT_EQ(root.kind, DelegateNode::Kind::Union);
    ASSERT_EQ(root.weights, (std::vector<double>{0.75, 0.25}));
    EXPECT_EQ(root.children[0].bound.addr.addrs.at(0).ip, "10.0.0.1");
    EXPECT_EQ(root.children[1].bound.addr.kind, Addr::Kind::Failed);
    std::string shown = to_text(root);
    EXPECT_EQ(shown.find('\x1b'), std::string::npos) << shown;  // a server's text cannot drive the terminal
    EXPECT_NE(shown.find("0.75 * /#/x/a"), std::string::npos) << shown;
    EXPECT_NE(shown.find("residual /rest [failed: boom\\x1b[31m]"), std::string::npos) << shown;
}

TEST(DelegateJson, BadAnswersFailWithAReason) {
    struct Case {
        std::string text, message;
    } cases[] = {
        {"{not json", "delegator.json"},
        {"[]", "not an object"},
        {R"({"type":"teleport","path":"/a"})", "unknown node type \"teleport\""},
        {R"({"path":"/a"})", "no \"type\""},
        {R"({"type":"delegate","path":"/a"})", "no \"delegate\""},
        {R"({"type":"alt","path":"/a","alt":{}})", "\"alt\" is not an array"},
        {R"({"type":"leaf","path":"/a","bound":{"addr":{"type":"bound"},"id":"/a"}})", "no \"addrs\""},
        {R"({"type":"neg","path":"no-slash"})", "bad path"},
        {R"({"type":"neg","path":"/a","dentry":{"prefix":"/a","dst":"=>"}})", "bad dentry"},
        {R"({"type":"union","path":"/a","union":[{"tree":{"type":"neg"}}]})", "union member"},
    };
    for (const auto& c : cases) {
        auto parsed = parse_delegate_json(c.text, "delegator.json");
        ASSERT_FALSE(parsed) << c.text;
        EXPECT_NE(parsed.error().message.find(c.message), std::string::npos)
            << c.text << ": " << parsed.error().message;
    }
}

TEST(DelegateJson, DeepOrHugeAnswersHitLimitsNotTheStack) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += R"({"type":"delegate","path":"/a","delegate":)";
    deep += R"({"type":"neg","path":"/a"})" + std::string(100000, '}');
    auto parsed = parse_delegate_json(deep, "delegator.json");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, mesh::core::ErrorCode::Limit);
    DelegateJsonLimits small;
    small.max_nodes = 3;
    auto wide = parse_delegate_json(
        R"({"type":"alt","path":"/a","alt":[{"type":"neg"},{"type":"neg"},{"type":"neg"}]})", "delegator.json", small);
    ASSERT_FALSE(wide);
    EXPECT_EQ(wide.error().code, mesh::core::ErrorCode::Limit);
}

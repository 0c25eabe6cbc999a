// Spec section 4.1, 4.2 and 4.4: Finagle's grammar, its error messages and its printer.

#include <gtest/gtest.h>

#include "libmesh/dtab/parser.hpp"
#include "tests/dtab/dtab_literals.hpp"

using namespace mesh::dtab;
using namespace mesh::dtab::literals;

namespace {

std::string path_error(std::string_view text) {
    auto r = parse_path(text);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? std::string() : r.error().message;
}
std::string tree_error(std::string_view text) {
    auto r = parse_name_tree(text);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? std::string() : r.error().message;
}
std::string dentry_error(std::string_view text) {
    auto r = parse_dentry(text);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? std::string() : r.error().message;
}
std::string dtab_error(std::string_view text) {
    auto r = parse_dtab(text);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? std::string() : r.error().message;
}
NameTree L(std::initializer_list<std::string_view> e) { return NameTree::leaf(make_path(e)); }

}  // namespace

TEST(DtabPath, EmptyPath_1) {
    auto p = parse_path("/");
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->empty());
    EXPECT_EQ(show(*p), "/");
}

TEST(DtabPath, SurroundingWhitespace_2) { EXPECT_EQ(*parse_path("  /foo/bar  "), make_path({"foo", "bar"})); }

TEST(DtabPath, HexEscapesAnyCase_3) { EXPECT_EQ(*parse_path("/\\x66\\x6f\\x6F"), make_path({"foo"})); }

TEST(DtabPath, Errors_4_to_10) {
    EXPECT_EQ(path_error(""), "'/' expected but end of input found at '[]'");
    EXPECT_EQ(path_error("/foo/bar/"), "label char expected but end of input found at '/foo/bar/[]'");
    EXPECT_EQ(path_error("/{}"), "end of input expected but '{' found at '/[{]}'");
    EXPECT_EQ(path_error("/\\?"), "'x' expected but '?' found at '/\\[?]'");
    EXPECT_EQ(path_error("/\\x?"), "hex char expected but '?' found at '/\\x[?]'");
    EXPECT_EQ(path_error("/\\x0?"), "hex char expected but '?' found at '/\\x0[?]'");
    EXPECT_EQ(path_error("/foo^bar"), "end of input expected but '^' found at '/foo[^]bar'");
    EXPECT_EQ(path_error("invalid-param"), "'/' expected but 'i' found at '[i]nvalid-param'");  // 18
}

TEST(DtabPath, Show_11) { EXPECT_EQ(show(*parse_path("/foo/bar")), "/foo/bar"); }

TEST(DtabPath, NonShowableElementIsEscapedWhole) {
    Path p = make_path({"a b", "ok"});
    EXPECT_EQ(show(p), "/\\x61\\x20\\x62/ok");
    EXPECT_EQ(*parse_path(show(p)), p);
    EXPECT_EQ(show(*parse_path("/\\x2a")), "/\\x2a");
}

TEST(DtabPath, LexicalEdges) {
    EXPECT_EQ(*parse_path("/a#b"), make_path({"a#b"}));
    EXPECT_EQ(*parse_path("/#/io.l5d.fs"), make_path({"#", "io.l5d.fs"}));
    EXPECT_EQ(*parse_path("/a #b"), make_path({"a"}));
    EXPECT_FALSE(parse_path("//"));
    EXPECT_FALSE(parse_path("/a//b"));
    // No-break space is not Java whitespace; U+2003 (em space) is.
    EXPECT_FALSE(parse_path("\xc2\xa0/a"));
    EXPECT_TRUE(parse_path("\xe2\x80\x83/a"));
}

TEST(DtabTree, Parse_19_to_24) {
    EXPECT_EQ(tree("! | ~ | $"), NameTree::alt({NameTree::fail(), NameTree::neg(), NameTree::empty()}));
    EXPECT_EQ(show(tree("! | ~ | $")), "! | ~ | $");
    EXPECT_EQ(tree("/foo/bar"), L({"foo", "bar"}));
    EXPECT_EQ(tree("  /foo & /bar  "), NameTree::union_of({1, 1}, {L({"foo"}), L({"bar"})}));
    EXPECT_EQ(show(tree("  /foo & /bar  ")), "/foo & /bar");
    EXPECT_EQ(tree("  /foo | /bar  "), NameTree::alt({L({"foo"}), L({"bar"})}));
    EXPECT_EQ(tree("/foo & /bar | /bar & /baz"), NameTree::alt({NameTree::union_of({1, 1}, {L({"foo"}), L({"bar"})}),
                                                                NameTree::union_of({1, 1}, {L({"bar"}), L({"baz"})})}));
    NameTree weighted = tree("1 * /foo & 2 * /bar | .5 * /bar & .5 * /baz");
    EXPECT_EQ(weighted, NameTree::alt({NameTree::union_of({1, 2}, {L({"foo"}), L({"bar"})}),
                                       NameTree::union_of({0.5, 0.5}, {L({"bar"}), L({"baz"})})}));
    EXPECT_EQ(show(weighted), "/foo & 2.00*/bar | 0.50*/bar & 0.50*/baz");
}

TEST(DtabTree, Errors_25_to_29) {
    EXPECT_EQ(tree_error(""), "simple expected but end of input found at '[]'");
    EXPECT_EQ(tree_error("#"), "simple expected but end of input found at '#[]'");
    EXPECT_EQ(tree_error("/foo &"), "simple expected but end of input found at '/foo &[]'");
    EXPECT_EQ(tree_error("/foo & 0.1.2 * /bar"), "number char expected but '.' found at '/foo & 0.1[.]2 * /bar'");
    EXPECT_EQ(tree_error("/foo & . * /bar"), "weight expected but '.' found at '/foo & .[ ]* /bar'");
    EXPECT_EQ(tree_error("1e3 * /a"), "'*' expected but 'e' found at '1[e]3 * /a'");
    EXPECT_EQ(tree_error("2 * 3 * /a"), "simple expected but '3' found at '2 * [3] * /a'");
}

TEST(DtabTree, WeightsAndPrecedence) {
    EXPECT_EQ(tree("5. * /a & /b").weights.front(), 5.0);
    EXPECT_EQ(tree("2 * /a"), L({"a"}));  // a lone weight is dropped
    EXPECT_EQ(tree("((/a))"), L({"a"}));
    EXPECT_EQ(tree("/a | (/b | /c)"), NameTree::alt({L({"a"}), NameTree::alt({L({"b"}), L({"c"})})}));
    EXPECT_EQ(show(tree("/a | (/b | /c)")), "/a | (/b | /c)");
    EXPECT_EQ(show(tree("(/a | /b) & /c")), "(/a | /b) & /c");
    EXPECT_EQ(show(tree("(/a & /b) & /c")), "(/a & /b) & /c");
    EXPECT_EQ(show(tree("0.3 * /a & 0.333 * /b")), "0.30*/a & 0.33*/b");
    // java.util.Formatter rounds HALF_UP on the shortest digits, C's printf would say 0.12.
    EXPECT_EQ(show(tree("0.125 * /a & /b")), "0.13*/a & /b");
}

TEST(DtabDentry, Parse_60_to_65) {
    auto d = parse_dentry("/=>!");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->prefix.elems.empty());
    EXPECT_EQ(d->dst, NameTree::fail());
    EXPECT_EQ(*parse_dentry("/ => !"), *d);
    auto w = parse_dentry("/foo/*/bar => !");
    ASSERT_TRUE(w);
    EXPECT_EQ(w->prefix, (Prefix{{{"foo", false}, {"", true}, {"bar", false}}}));
    auto plain = parse_dentry("/foo/bar/baz => !");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->prefix.size(), 3u);
    EXPECT_EQ(dentry_error("/foo/*bar/baz => !"), "'=' expected but 'b' found at '/foo/*[b]ar/baz => !'");
    EXPECT_EQ(dentry_error("/&!"), "'=' expected but '&' found at '/[&]!'");
    EXPECT_EQ(dentry_error("/a/b* => !"), "'=' expected but '*' found at '/a/b[*] => !'");
    EXPECT_EQ(dentry_error("/a = > /b"), "'>' expected but ' ' found at '/a =[ ]> /b'");
    EXPECT_EQ(dentry_error("/a => /*"), "end of input expected but '*' found at '/a => /[*]'");
}

TEST(DtabDtab, Parse_66_to_73) {
    EXPECT_EQ(dtab("").size(), 0u);
    EXPECT_EQ(dtab("   # only a comment\n").size(), 0u);
    EXPECT_EQ(dtab("  /=>!  ").size(), 1u);
    EXPECT_EQ(dtab("/=>!;").size(), 1u);
    EXPECT_EQ(dtab("/=>!;/foo=>/bar").size(), 2u);
    EXPECT_EQ(show(dtab("/=>!;/foo=>/bar")), "/=>!;/foo=>/bar");
    EXPECT_EQ(show(dtab("/a/*/c => /d")), "/a/*/c=>/d");
    EXPECT_EQ(dtab("/a=>/b;\n/c=>/d;\n").size(), 2u);
}

TEST(DtabDtab, CommentsMultiLine_70) {
    const char* text = "# a comment line\n"
                       "/#foo => /biz  # comment\n"
                       "       | ( /bliz & # comment\n"
                       "           /bluth ) # comment\n"
                       "     ; #comment\n"
                       "# /commented => /out;\n";
    Dtab d = dtab(text);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d.dentries[0].prefix, (Prefix{{{"#foo", false}}}));
    EXPECT_EQ(d.dentries[0].dst, NameTree::alt({L({"biz"}), NameTree::union_of({1, 1}, {L({"bliz"}), L({"bluth"})})}));
    EXPECT_EQ(show(d), "/#foo=>/biz | /bliz & /bluth");
}

TEST(DtabDtab, SeparatorErrors) {
    EXPECT_EQ(dtab_error(";/a=>/b"), "'/' expected but ';' found at '[;]/a=>/b'");
    EXPECT_EQ(dtab_error("/a=>/b;;"), "'/' expected but ';' found at '/a=>/b;[;]'");
    EXPECT_EQ(dtab_error("/a=>/b; ;"), "'/' expected but ';' found at '/a=>/b; [;]'");
    EXPECT_EQ(dtab_error("invalid-param"), "'/' expected but 'i' found at '[i]nvalid-param'");  // 81
}

TEST(DtabDtab, NewlineIsNotASeparatorAndLongTextsQuoteOneLine) {
    auto r = parse_dtab("/a => /b\n/c => /d\n", {"app.dtab"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "end of input expected but '/' found at '[/]c => /d'");
    EXPECT_EQ(r.error().location.file, "app.dtab");
    EXPECT_EQ(r.error().location.line, 2);
    EXPECT_EQ(r.error().location.column, 1);
    EXPECT_EQ(r.error().source_line, "/c => /d");
    ParseOptions full;
    full.full_context = true;
    EXPECT_EQ(parse_dtab("/a => /b\n/c => /d", full).error().message,
              "end of input expected but '/' found at '/a => /b\n[/]c => /d'");
}

TEST(DtabDtab, ConcatAndStripPrefix_72_74) {
    Dtab a = dtab("/foo => /bar");
    Dtab b = dtab("/foo=>/biz;/biz=>/$/inet/8080;/bar=>/$/inet/9090");
    EXPECT_EQ(concat(a, b), dtab("/foo=>/bar;/foo=>/biz;/biz=>/$/inet/8080;/bar=>/$/inet/9090"));
    Dtab d1 = dtab("/a=>/b;/c=>/d");
    Dtab e = dtab("/e=>/f");
    EXPECT_EQ(strip_prefix(d1, d1).size(), 0u);
    EXPECT_EQ(strip_prefix(concat(d1, e), d1), e);
    EXPECT_EQ(strip_prefix(d1, concat(d1, e)), d1);
    EXPECT_EQ(strip_prefix(Dtab{}, d1).size(), 0u);
}

TEST(DtabDtab, DebugPrint) { EXPECT_EQ(debug_print(dtab("/a=>/b")), "Dtab(1)\n\t/a => /b\n"); }

TEST(DtabLimits, DeepNestingIsAnErrorNotACrash) {
    std::string deep(100000, '(');
    auto r = parse_name_tree(deep);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("nested deeper"), std::string::npos);
}

TEST(DtabLimits, LongLinesAreQuotedAsAWindow) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "/a=>/b;";
    text += "/c=>/d /e";
    auto r = parse_dtab(text);
    ASSERT_FALSE(r);
    EXPECT_LT(r.error().message.size(), 400u);
    EXPECT_NE(r.error().message.find("/c=>/d [/]e'"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.rfind("end of input expected but '/' found at '...", 0), 0u);
    EXPECT_TRUE(r.error().source_line.empty());
    EXPECT_EQ(r.error().location.column, static_cast<int>(text.size()) - 1);
    ParseOptions full;
    full.full_context = true;  // namerd's 400 body quotes everything, as Finagle does
    EXPECT_GT(parse_dtab(text, full).error().message.size(), text.size());
}

TEST(ParserComments, EveryTrailingCarriageReturnIsLineEndingNotText) {
    // The fuzzer's case: with one CR kept, formatting was not a fixpoint.
    auto parsed = parse_dtab_with_comments("# note\r\r\n/a => /b;\r\n");
    ASSERT_TRUE(parsed.has_value());
    ASSERT_EQ(parsed->comments.size(), 1u);
    EXPECT_EQ(parsed->comments[0].text, "# note");
}

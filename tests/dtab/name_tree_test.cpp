// Spec section 4.3 (eval and simplified) and the round-trip property of section 4.2 #43.

#include <gtest/gtest.h>

#include <random>

#include "libmesh/dtab/java_number.hpp"
#include "libmesh/dtab/parser.hpp"
#include "tests/dtab/dtab_literals.hpp"

using namespace mesh::dtab;
using namespace mesh::dtab::literals;

namespace {

EvalResult none() { return {EvalResult::Kind::Neg, {}}; }
EvalResult set(std::initializer_list<std::string_view> paths) {
    EvalResult r{EvalResult::Kind::Set, {}};
    for (auto p : paths) r.leaves.push_back(*parse_path(p));
    std::sort(r.leaves.begin(), r.leaves.end());
    return r;
}
// "none" covers both Neg and Fail in Finagle's Option result.
bool is_none(const EvalResult& r) { return r.kind != EvalResult::Kind::Set; }

void expect_eval(std::string_view text, const EvalResult& expected) {
    NameTree t = tree(text);
    EvalResult got = eval(t);
    EvalResult simple = eval(simplified(t));
    if (expected.kind == EvalResult::Kind::Neg) {
        EXPECT_TRUE(is_none(got)) << text;
        EXPECT_TRUE(is_none(simple)) << text;
    } else {
        EXPECT_EQ(got, expected) << text;
        EXPECT_EQ(simple, expected) << text << " simplified to " << show(simplified(t));
    }
}

}  // namespace

TEST(DtabEval, Cases_44_to_57) {
    expect_eval("~", none());
    expect_eval("/ok", set({"/ok"}));
    expect_eval("/ok & /ok1", set({"/ok", "/ok1"}));
    expect_eval("/ok & ~ & /blah & $", set({"/ok", "/blah"}));
    expect_eval("$ & $ & $", set({}));
    expect_eval("~ & ~ & (~ | ~)", none());
    expect_eval("~ | /foo | /bar", set({"/foo"}));
    expect_eval("~ | $ | /blah", set({}));
    expect_eval("~ | (~ | $) | /blah", set({}));
    expect_eval("(~|$|/foo) & (/bar|/blah) & ~ & /FOO", set({"/bar", "/FOO"}));
    expect_eval("! | /ok", none());
    EXPECT_EQ(eval(tree("! | /ok")).kind, EvalResult::Kind::Fail);
    expect_eval("/ok & !", set({"/ok"}));
    expect_eval("! & ! & !", none());
    expect_eval("~ | /ok | !", set({"/ok"}));
}

TEST(DtabSimplify, Rules) {
    EXPECT_EQ(show(simplified(tree("~ | /a | ! | /b"))), "/a | !");
    EXPECT_EQ(simplified(tree("~ | /a")), tree("/a"));
    EXPECT_EQ(simplified(tree("~ & ! & 2 * /a")), tree("/a"));  // the weight is lost
    EXPECT_EQ(simplified(tree("~ & ~")), NameTree::neg());
    EXPECT_EQ(simplified(tree("$ & ~")), NameTree::empty());
    EXPECT_EQ(simplified(NameTree::alt({})), NameTree::neg());
}

TEST(DtabPrint, DegenerateTrees) {
    EXPECT_EQ(show(NameTree::alt({})), "");
    EXPECT_EQ(show(NameTree::alt({NameTree::leaf(make_path({"a"})), NameTree::alt({})})), "/a | ()");
    EXPECT_EQ(show(NameTree::union_of({3}, {NameTree::leaf(make_path({"a"}))})), "/a");
}

TEST(DtabJavaNumbers, FormatLikeTheJvm) {
    EXPECT_EQ(java_format_2f(0.3), "0.30");
    EXPECT_EQ(java_format_2f(2), "2.00");
    EXPECT_EQ(java_format_2f(0.333), "0.33");
    EXPECT_EQ(java_format_2f(0.125), "0.13");
    EXPECT_EQ(java_format_2f(1.005), "1.01");
    EXPECT_EQ(java_format_2f(9.999), "10.00");
    EXPECT_EQ(java_format_2f(1e20), "100000000000000000000.00");
    EXPECT_EQ(java_double_to_string(1.0), "1.0");
    EXPECT_EQ(java_double_to_string(0.3), "0.3");
    EXPECT_EQ(java_double_to_string(2.5), "2.5");
    EXPECT_EQ(java_double_to_string(1e-4), "1.0E-4");
    EXPECT_EQ(java_double_to_string(12345678.0), "1.2345678E7");
    EXPECT_EQ(java_double_to_string(100.0), "100.0");
}

namespace {

// Random trees as NameTreeTest generates them: depth <= 2, integer weights 0-9, with labels that
// need escaping too.
NameTree random_tree(std::mt19937& rng, int depth) {
    static const char* k_labels[] = {"a", "b", "svc", "#", "$", "x y", "\xc3\xa9", "*", "io.l5d.fs"};
    int pick = static_cast<int>(rng() % (depth > 0 ? 6 : 4));
    switch (pick) {
    case 0: return NameTree::neg();
    case 1: return NameTree::fail();
    case 2: return NameTree::empty();
    case 3: {
        Path p;
        int n = static_cast<int>(rng() % 4);
        for (int i = 0; i < n; ++i) p.elems.push_back(k_labels[rng() % 9]);
        return NameTree::leaf(p);
    }
    default: {
        int n = 2 + static_cast<int>(rng() % 3);
        std::vector<NameTree> children;
        std::vector<double> weights;
        for (int i = 0; i < n; ++i) {
            children.push_back(random_tree(rng, depth - 1));
            weights.push_back(static_cast<double>(rng() % 10));
        }
        if (pick == 4) return NameTree::alt(std::move(children));
        return NameTree::union_of(std::move(weights), std::move(children));
    }
    }
}

}  // namespace

TEST(DtabProperty, ParseOfShowIsIdentity_43) {
    std::mt19937 rng(43);
    for (int i = 0; i < 3000; ++i) {
        NameTree t = random_tree(rng, 2);
        std::string text = show(t);
        auto back = parse_name_tree(text);
        ASSERT_TRUE(back) << text << ": " << back.error().message;
        EXPECT_EQ(*back, t) << text;
        EXPECT_EQ(show(*back), text);
    }
}

TEST(DtabProperty, DtabRoundTrip) {
    std::mt19937 rng(7);
    for (int i = 0; i < 500; ++i) {
        Dtab d;
        int n = static_cast<int>(rng() % 5);
        for (int k = 0; k < n; ++k) {
            Dentry e;
            int m = static_cast<int>(rng() % 3);
            for (int j = 0; j < m; ++j)
                e.prefix.elems.push_back(rng() % 3 == 0 ? PrefixElement{"", true}
                                                        : PrefixElement{"s" + std::to_string(j), false});
            e.dst = random_tree(rng, 2);
            d.dentries.push_back(e);
        }
        auto back = parse_dtab(show(d));
        ASSERT_TRUE(back) << show(d);
        EXPECT_EQ(*back, d) << show(d);
    }
}

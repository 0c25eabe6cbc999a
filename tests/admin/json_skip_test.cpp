#include "libmesh/admin/json_skip.hpp"

#include <gtest/gtest.h>

#include "libmesh/admin/json_scan.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::admin;

namespace {

bool scan_json_accepts(std::string_view text) {
    SyntaxOnly none;
    return !scan_json(text, none).has_value();
}

}  // namespace

TEST(JsonSkip, EndsWhereTheValueEnds) {
    struct Case {
        const char* text;
        std::size_t end;
    };
    for (auto [text, end] : std::initializer_list<Case>{
             {"0,", 1},
             {"-12.5e+3]", 8},
             {"\"a}]\" , 1", 5},
             {"true}", 4},
             {"null ", 4},
             {"{}x", 2},
             {"[ ]x", 3},
             {"{\"a\" : [1, {\"b\":\"}\"}] , \"c\":{}} ,", 31},
             {"[[[[]]],[{}]],", 13},
         }) {
        auto got = skip_json_value(text, 0);
        ASSERT_TRUE(got) << text;
        EXPECT_EQ(*got, end) << text;
    }
    // From the middle of a text.
    EXPECT_EQ(skip_json_value(R"({"a":{"b":1},"c":2})", 5), 12u);
}

TEST(JsonSkip, DeclinesWhatItLeavesToTheFullReading) {
    std::string deep = std::string(65, '[') + std::string(65, ']');
    std::string deep_enough = std::string(64, '[') + std::string(64, ']');
    EXPECT_FALSE(skip_json_value(deep, 0));
    EXPECT_EQ(skip_json_value(deep_enough, 0), deep_enough.size());
    for (const char* text :
         {"\"a}\\\"\"", "\"a\\nb\"", "{\"k\\u00e9\":1}", "\"ctl\x01\"", "{\"a\":1", "[1,2",      "\"open", "",
          "x",          "[1,]",      "{\"a\":1,}",       "{\"a\" 1}",   "[01]",     "[1.]",      "[.5]",   "[1e]",
          "[-]",        "tru",       "[true false]",     "[1e400]",     "-1e-400",  "{\"a\":1]", "[1}",    "{1:2}"}) {
        EXPECT_FALSE(skip_json_value(text, 0)) << text;
    }
}

// What it accepts, scan_json accepts; and it accepts every value without escapes that scan_json
// accepts: every value of a real metrics dump, each read from where the dump's reader meets it.
TEST(JsonSkip, AgreesWithScanJsonOnEveryValueOfARealDump) {
    std::string text = mesh::testing::read_testdata("admin/linkerd-metrics-tree.json");
    std::size_t values = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '"') in_string = !in_string;  // the dump has no backslash
        if (in_string || (c != ':' && c != '[' && c != ',')) continue;
        std::size_t start = text.find_first_not_of(" \n\r\t", i + 1);
        if (start == std::string::npos || text[start] == '"') continue;  // a key, after ',' in an object
        auto end = skip_json_value(text, start);
        ASSERT_TRUE(end) << "at " << start;
        EXPECT_TRUE(scan_json_accepts(std::string_view(text).substr(start, *end - start))) << "at " << start;
        std::size_t after = text.find_first_not_of(" \n\r\t", *end);
        ASSERT_NE(after, std::string::npos);
        EXPECT_TRUE(text[after] == ',' || text[after] == '}' || text[after] == ']') << "at " << start;
        ++values;
    }
    EXPECT_GT(values, 1000u);
    EXPECT_EQ(skip_json_value(text, text.find('{')), text.rfind('}') + 1);
}

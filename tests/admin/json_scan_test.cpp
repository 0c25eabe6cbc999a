#include "libmesh/admin/json_scan.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libmesh/admin/metrics_tree.hpp"
#include "tests/support/testdata.hpp"

using namespace mesh::admin;

namespace {

// Records events as text, to compare with nlohmann's reading of the same input.
class Recorder : public ScanHandler {
public:
    std::string events;
    bool on_start_object() override { return add("{"); }
    bool on_end_object() override { return add("}"); }
    bool on_start_array() override { return add("["); }
    bool on_end_array() override { return add("]"); }
    bool on_key(std::string_view k) override { return add("k:" + std::string(k)); }
    bool on_number(double v) override { return add("n:" + std::to_string(v)); }
    bool on_other_scalar() override { return add("s"); }

private:
    bool add(const std::string& e) {
        events += e + ' ';
        return true;
    }
};

bool scans(std::string_view text) {
    Recorder r;
    return !scan_json(text, r).has_value();
}

}  // namespace

TEST(JsonScan, AgreesWithNlohmannOnValidity) {
    const char* cases[] = {
        "{}",
        "[]",
        "0",
        "-0.5e+3",
        "\"x\"",
        "{\"a\":[1,2,{\"b\":null}],\"c\":true}",
        " { \"a\" : 1 } ",
        "{\"k\\u00e9\\ud83d\\ude00\":1}",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "[01]",
        "[1.]",
        "[.5]",
        "[1e]",
        "[-]",
        "{\"a\":1}}",
        "\"unterminated",
        "\"ctl\x01\"",
        "[\"\\x\"]",
        "[\"\\ud800\"]",
        "tru",
        "nul",
        "[true false]",
        "",
        "   ",
        "{\"a\":{\"b\":{\"c\":[[[]]]}}}",
        "1 2",
        "[1e400]",
    };
    for (const char* c : cases) {
        bool theirs = nlohmann::json::accept(c);
        EXPECT_EQ(scans(c), theirs) << c;
    }
}

TEST(JsonScan, DecodesEscapedKeysAndNumbers) {
    Recorder r;
    ASSERT_FALSE(scan_json(R"({"a\"b\\c\u00e9":[1.5,-2e2,"s",false]})", r));
    EXPECT_EQ(r.events, "{ k:a\"b\\c\xc3\xa9 [ n:1.500000 n:-200.000000 s s ] } ");
}

TEST(JsonScan, ErrorsCarryTheOffset) {
    Recorder r;
    auto e = scan_json("{\"a\": [1, 2 x]}", r);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->offset, 12u);
    EXPECT_FALSE(e->from_handler);
}

TEST(JsonScan, DeepNestingNeedsNoStack) {
    std::string deep(100000, '[');
    deep += std::string(100000, ']');
    EXPECT_TRUE(scans(deep));
    MetricsLimits l;
    auto r = parse_metrics_tree("{\"a\":" + deep + "}", l);
    EXPECT_FALSE(r);  // the tree parser's depth limit refuses it
}

TEST(JsonScan, TreeParserGivesTheSameTreeAsBefore) {
    // Every counter in the real dump, read by nlohmann, must be in our tree.
    std::string text = mesh::testing::read_testdata("admin/linkerd-metrics-tree.json");
    auto tree = parse_metrics_tree(text);
    ASSERT_TRUE(tree);
    auto j = nlohmann::json::parse(text);
    std::size_t checked = 0;
    std::function<void(const nlohmann::json&, const MetricNode&)> walk = [&](const nlohmann::json& node,
                                                                             const MetricNode& ours) {
        for (const auto& [key, value] : node.items()) {
            if (key == "counter") {
                EXPECT_EQ(ours.counter, value.get<double>());
                ++checked;
            } else if (value.is_object()) {
                const MetricNode* child = ours.child(key);
                ASSERT_NE(child, nullptr) << key;
                walk(value, *child);
            }
        }
    };
    walk(j, *tree);
    EXPECT_GT(checked, 500u);
}

namespace {

// Records events, and skips the value of every key named "skip".
class Skipper : public Recorder {
public:
    bool on_key(std::string_view k) override {
        m_last_key = std::string(k);
        return Recorder::on_key(k);
    }
    bool skips_value(char) override { return m_last_key == "skip"; }

private:
    std::string m_last_key;
};

}  // namespace

TEST(JsonScan, SkippedValuesGiveNoEventsButAreStillChecked) {
    Skipper s;
    ASSERT_FALSE(scan_json(R"({"a":1,"skip":{"b":[1,{"c":2}],"d":"x"},"e":{"skip":[],"f":true},"skip":3})", s));
    EXPECT_EQ(s.events, "{ k:a n:1.000000 k:skip k:e { k:skip k:f s } k:skip } ");
    // Skipping does not make invalid JSON valid: a syntax error inside a skipped value is one.
    for (const char* bad : {R"({"skip":{"b":[1,]}})", R"({"skip":[01]})", R"({"skip":"\x"})", R"({"skip":tru})",
                            R"({"skip":{"b":1)", R"({"skip":[1e400]})", R"({"skip":1e-400})"}) {
        Skipper again;
        EXPECT_TRUE(scan_json(bad, again)) << bad;
    }
    // A number of 300 digits or more is range-checked when skipped too.
    Skipper long_number;
    EXPECT_TRUE(scan_json("{\"skip\":1" + std::string(400, '0') + "}", long_number));
}

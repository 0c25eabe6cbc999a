// read_review: the envelope's fields and the pod's tree from one scan of an AdmissionReview; the
// tree is the YAML reader's tree of the object's own bytes, without managedFields.

#include "libmesh/webhook/review_reader.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/support/test_files.hpp"

namespace mesh::webhook {
namespace {

using nlohmann::json;

std::string corpus_text(const std::string& name) {
    return testing::read_test_file(testing::source_path("testdata/webhook/" + name));
}

// The fields' views (object_text, the pod's text) point into `body`: keep it alive.
ReviewFields read(const std::string& body, const core::Limits& limits = {}) {
    auto fields = read_review(body, limits);
    EXPECT_TRUE(fields);
    return fields ? std::move(*fields) : ReviewFields{};
}

void expect_same_nodes(const manifest::YamlTree& actual, const manifest::YamlTree& expected) {
    ASSERT_EQ(actual.nodes.size(), expected.nodes.size());
    EXPECT_EQ(actual.root, expected.root);
    for (std::size_t i = 0; i < actual.nodes.size(); ++i) {
        const auto& a = actual.nodes[i];
        const auto& e = expected.nodes[i];
        SCOPED_TRACE(fmt::format("node {} at {}", i, e.start));
        EXPECT_EQ(a.kind, e.kind);
        EXPECT_EQ(a.plain, e.plain);
        EXPECT_EQ(a.start, e.start);
        EXPECT_EQ(a.raw_end, e.raw_end);
        EXPECT_EQ(a.line, e.line);
        EXPECT_EQ(a.column, e.column);
        EXPECT_EQ(a.parent, e.parent);
        EXPECT_EQ(a.tag, e.tag);
        EXPECT_EQ(a.value, e.value);
        EXPECT_EQ(a.children, e.children);
        if (::testing::Test::HasFailure()) return;
    }
}

TEST(ReviewReader, ReadsTheEnvelopeOfTheCorpusReview) {
    std::string body = corpus_text("admissionreview-v1-pod-create-kubectl.json");
    ReviewFields f = read(body);
    EXPECT_TRUE(f.is_object);
    EXPECT_EQ(f.kind, "AdmissionReview");
    EXPECT_EQ(f.api_version, "admission.k8s.io/v1");
    EXPECT_TRUE(f.has_request);
    EXPECT_EQ(f.uid, "1299d386-525b-4032-98ae-1949f69f9cfc");
    EXPECT_EQ(f.resource_kind, "Pod");
    EXPECT_EQ(f.operation, "CREATE");
    EXPECT_EQ(f.sub_resource, "");
    EXPECT_EQ(f.ns, "default");
    EXPECT_EQ(f.name, "nginx");
    EXPECT_EQ(f.object, ReviewFields::Object::Map);
    EXPECT_EQ(f.object_kind, "Pod");
    EXPECT_EQ(f.meta_name, "nginx");
    EXPECT_EQ(f.meta_namespace, "default");
    EXPECT_EQ(f.meta_generate_name, "");
    ASSERT_TRUE(f.pod_built);
    EXPECT_EQ(f.object_text.front(), '{');
    EXPECT_EQ(f.object_text.back(), '}');
    EXPECT_EQ(f.pod.text, f.object_text);
}

TEST(ReviewReader, LeavesManagedFieldsOutOfThePodTree) {
    std::string body = corpus_text("admissionreview-v1-pod-create-kubectl.json");
    ReviewFields f = read(body);
    ASSERT_TRUE(f.pod_built);
    manifest::NodeId meta = f.pod.get(f.pod.root, "metadata");
    ASSERT_NE(meta, manifest::k_no_node);
    EXPECT_EQ(f.pod.get(meta, "managedFields"), manifest::k_no_node);
    EXPECT_NE(f.pod.get(meta, "annotations"), manifest::k_no_node);
    EXPECT_EQ(f.pod.scalar(meta, "creationTimestamp"), "2020-11-12T15:18:36Z");  // the key after it
    // No node of the tree lies inside managedFields' bytes.
    std::size_t begin = f.object_text.find("\"managedFields\"");
    std::size_t end = f.object_text.find("\"spec\"");
    ASSERT_LT(begin, end);
    for (const auto& node : f.pod.nodes) EXPECT_FALSE(node.start >= begin && node.start < end) << node.start;
}

// Without managedFields, the pod's tree is the YAML reader's tree of the object's bytes, offsets,
// lines and columns counted from the object's first byte, however the review is written.
TEST(ReviewReader, ThePodTreeIsTheYamlReadersTreeOfTheObject) {
    for (const char* name :
         {"admissionreview-v1-pod-create-kubectl.json", "admissionreview-v1-pod-create-busybox.json"}) {
        SCOPED_TRACE(name);
        json review = json::parse(corpus_text(name));
        review["request"]["object"]["metadata"].erase("managedFields");
        for (const std::string& body : {review.dump(), review.dump(2), review.dump(1, '\t', true)}) {
            ReviewFields f = read(body);
            ASSERT_TRUE(f.pod_built);
            auto expected = manifest::parse_document(f.object_text, {"x", 1}, {});
            ASSERT_TRUE(expected) << expected.error().message;
            expect_same_nodes(f.pod, *expected);
            if (::testing::Test::HasFailure()) return;
        }
    }
}

TEST(ReviewReader, AKeyGivenTwiceKeepsItsLastValue) {
    ReviewFields f = read(R"({"kind":"AdmissionReview","kind":7,"request":{"uid":"a","kind":{"kind":"Pod"},
        "object":{"kind":"Pod","metadata":{"name":"one","name":"two"}}},
        "request":{"uid":"b","kind":{"kind":"Pod","kind":"Service"},"object":{"kind":"Pod","kind":"Pod"}}})");
    EXPECT_EQ(f.kind, "");
    EXPECT_EQ(f.uid, "b");
    EXPECT_EQ(f.resource_kind, "Service");
    EXPECT_EQ(f.meta_name, "");  // the second object has no metadata
    EXPECT_EQ(f.object_kind, "Pod");
    ReviewFields names = read(R"({"request":{"object":{"metadata":{"name":"one","name":"two","namespace":"x",
        "namespace":null}}}})");
    EXPECT_EQ(names.meta_name, "two");
    EXPECT_EQ(names.meta_namespace, "");
    ReviewFields no_request = read(R"({"request":{"uid":"a"},"request":[]})");
    EXPECT_FALSE(no_request.has_request);
    EXPECT_EQ(no_request.uid, "");
}

TEST(ReviewReader, TellsWhatTheObjectIs) {
    EXPECT_EQ(read(R"({"request":{}})").object, ReviewFields::Object::Missing);
    EXPECT_EQ(read(R"({"request":{"object":null}})").object, ReviewFields::Object::Null);
    EXPECT_EQ(read(R"({"request":{"object":"pod"}})").object, ReviewFields::Object::Other);
    EXPECT_EQ(read(R"({"request":{"object":[{}]}})").object, ReviewFields::Object::Other);
    EXPECT_EQ(read(R"({"request":{"object":{"kind":"Pod"},"object":null}})").object, ReviewFields::Object::Null);
    ReviewFields f = read(R"({"request":{"object":{"kind":["Pod"]}}})");
    EXPECT_EQ(f.object, ReviewFields::Object::Map);
    EXPECT_EQ(f.object_kind, "");
}

// When the request rules out a Pod CREATE before the object, the object is only checked; a later
// repeated key that rules it back in has it built from its bytes.
TEST(ReviewReader, BuildsThePodLaterWhenTheRequestSaidOtherwiseFirst) {
    std::string text = corpus_text("admissionreview-v1-pod-create-kubectl.json");
    ReviewFields direct = read(text);
    ASSERT_TRUE(direct.pod_built);
    std::string update = text;
    update.replace(update.find("\"operation\": \"CREATE\""), 21, "\"operation\": \"UPDATE\"");
    ReviewFields later = read(update);
    EXPECT_EQ(later.operation, "UPDATE");
    EXPECT_FALSE(later.pod_built);
    EXPECT_TRUE(later.pod.nodes.empty());
    EXPECT_EQ(later.meta_name, "nginx");  // read all the same
    read_pod_tree(later, {});
    ASSERT_TRUE(later.pod_built);
    EXPECT_EQ(later.pod.text, later.object_text);
    expect_same_nodes(later.pod, direct.pod);
}

TEST(ReviewReader, LimitsStopTheTreeNotTheReading) {
    core::Limits small;
    small.max_nodes_per_document = 10;
    std::string body = corpus_text("admissionreview-v1-pod-create-kubectl.json");
    ReviewFields f = read(body, small);
    EXPECT_FALSE(f.pod_built);
    EXPECT_TRUE(f.pod.nodes.empty());
    EXPECT_EQ(f.pod_failure, "more than 10 nodes in one document");
    EXPECT_EQ(f.meta_name, "nginx");
    EXPECT_EQ(f.uid, "1299d386-525b-4032-98ae-1949f69f9cfc");
    // read_pod_tree does not try again.
    read_pod_tree(f, small);
    EXPECT_FALSE(f.pod_built);
}

TEST(ReviewReader, TooDeepIsToldFromNotJson) {
    core::Limits limits;
    limits.max_depth = 5;
    EXPECT_TRUE(read_review(R"({"a":[[[[1]]]]})", limits));
    EXPECT_EQ(read_review(R"({"a":[[[[[1]]]]]})", limits).error(), ReviewReadError::TooDeep);
    // Broken before the depth is reached, but its brackets nest too deep: too deep, as the byte
    // count of brackets (run first before the one-pass reader) said.
    EXPECT_EQ(read_review(R"({"a":x [[[[[[)", limits).error(), ReviewReadError::TooDeep);
    EXPECT_EQ(read_review(R"({"a":x [[[[)", limits).error(), ReviewReadError::NotJson);
    EXPECT_EQ(read_review(R"({"a":"[[[[[[[["})", limits).has_value(), true);
}

}  // namespace
}  // namespace mesh::webhook

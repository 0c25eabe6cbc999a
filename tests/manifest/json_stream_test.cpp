// A JSON stream is decoded as JSON by kubectl; yaml-cpp would read invalid JSON as lenient YAML
// flow, and mesh's edits could then land where kubectl would never look. Invalid JSON is refused.

#include <gtest/gtest.h>

#include <string>

#include "libmesh/inject/stream_processor.hpp"

using namespace mesh;

namespace {

core::Result<inject::StreamResult> inject_json(const std::string& text) {
    inject::InjectConfig config;
    return inject::process_stream(text, "rc.json", inject::Operation::Inject, config);
}

}  // namespace

TEST(JsonStream, InvalidJsonIsRefusedAtItsPosition) {
    auto r = inject_json("{\n  \"kind\": \"Pod\",\n  )name\": \"x\"\n}\n");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().location.line, 3);
    EXPECT_EQ(r.error().location.column, 3);
    EXPECT_EQ(r.error().message.rfind("not valid JSON: syntax error", 0), 0u) << r.error().message;
}

TEST(JsonStream, ValidJsonStreamsStillInject) {
    std::string pod = R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},)"
                      R"( "spec": {"containers": [{"name": "c", "image": "nginx"}]}})";
    auto r = inject_json(pod + "\n" + pod + "\n");
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_NE(r->render(pod + "\n" + pod + "\n").find("http_proxy"), std::string::npos);
}

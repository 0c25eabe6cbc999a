// The webhook's answers to real and hand-made AdmissionReviews, and agreement with `mesh inject`.

#include "libmesh/webhook/admission.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "libmesh/core/base64.hpp"
#include "tests/support/run_in_process.hpp"

namespace mesh::webhook {
namespace {

using nlohmann::json;
using testing::read_test_file;
using testing::run_mesh;
using testing::source_path;

json corpus(const std::string& name) { return json::parse(read_test_file(source_path("testdata/webhook/" + name))); }

json busybox() { return corpus("admissionreview-v1-pod-create-busybox.json"); }
json kubectl_pod() { return corpus("admissionreview-v1-pod-create-kubectl.json"); }

ReviewAnswer answer(const json& review, const inject::InjectConfig& config = {}) {
    auto result = answer_review(review.dump(), config);
    EXPECT_TRUE(result) << (result ? "" : result.error().message);
    return result ? *result : ReviewAnswer{};
}

// The patch the response carries, decoded from base64.
json response_patch(const json& response) {
    auto decoded = mesh::core::base64_decode(response.at("response").at("patch").get<std::string>());
    EXPECT_TRUE(decoded);
    return json::parse(decoded.value_or("[]"));
}

// What `mesh inject -o json` makes of the pod, run in process.
json cli_inject(const json& pod, const std::vector<std::string>& flags) {
    std::vector<std::string> args{"mesh", "inject", "-f", "-", "-o", "json", "--report", "none"};
    args.insert(args.end(), flags.begin(), flags.end());
    auto run = run_mesh(args, pod.dump(2));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out);
}

TEST(Admission, InjectsTheCorpusPodsLikeMeshInject) {
    struct Case {
        std::vector<std::string> flags;
        inject::InjectConfig config;
    };
    inject::InjectConfig iptables;
    iptables.mode = inject::Mode::Iptables;
    inject::InjectConfig h2_env;
    h2_env.proxy_port = inject::k_h2_port;
    h2_env.extra_proxy_env = {"HTTP_PROXY"};
    h2_env.no_proxy = "localhost,.svc";
    std::vector<Case> cases{
        {{}, {}},
        {{"--mode", "iptables"}, iptables},
        {{"--protocol", "h2", "--proxy-env", "HTTP_PROXY", "--no-proxy", "localhost,.svc"}, h2_env}};
    for (const auto& review : {busybox(), kubectl_pod()}) {
        const json& pod = review["request"]["object"];
        for (const auto& c : cases) {
            SCOPED_TRACE(pod["metadata"]["name"].get<std::string>() + " " + (c.flags.empty() ? "" : c.flags[0]));
            auto a = answer(review, c.config);
            ASSERT_EQ(a.result, ReviewResult::Injected) << a.reason;
            json response = json::parse(a.body);
            EXPECT_EQ(response["apiVersion"], "admission.k8s.io/v1");
            EXPECT_EQ(response["kind"], "AdmissionReview");
            EXPECT_EQ(response["response"]["uid"], review["request"]["uid"]);
            EXPECT_EQ(response["response"]["allowed"], true);
            EXPECT_EQ(response["response"]["patchType"], "JSONPatch");
            json patch = response_patch(response);
            EXPECT_EQ(patch, a.patch);
            EXPECT_EQ(pod.patch(patch), cli_inject(pod, c.flags));
        }
    }
}

TEST(Admission, AnInjectedPodGetsNoSecondPatch) {
    json review = kubectl_pod();
    auto first = answer(review);
    ASSERT_EQ(first.result, ReviewResult::Injected);
    review["request"]["object"] = review["request"]["object"].patch(first.patch);
    auto second = answer(review);
    EXPECT_EQ(second.result, ReviewResult::Unchanged);
    json response = json::parse(second.body)["response"];
    EXPECT_EQ(response["allowed"], true);
    EXPECT_FALSE(response.contains("patch"));
    EXPECT_FALSE(response.contains("patchType"));
}

TEST(Admission, OptInAndOptOutAnnotations) {
    json review = busybox();
    review["request"]["object"]["metadata"]["annotations"]["linkerd.io/inject"] = "disabled";
    auto off = answer(review);
    EXPECT_EQ(off.result, ReviewResult::Skipped);
    EXPECT_FALSE(json::parse(off.body)["response"].contains("patch"));

    review["request"]["object"]["metadata"]["annotations"]["linkerd.io/inject"] = "enabled";
    auto on = answer(review);
    EXPECT_EQ(on.result, ReviewResult::Injected);
    // The annotation the pod already has is kept and the marker added beside it.
    json patched = review["request"]["object"].patch(on.patch);
    EXPECT_EQ(patched["metadata"]["annotations"]["linkerd.io/inject"], "enabled");
    EXPECT_TRUE(patched["metadata"]["annotations"].contains("mesh.l5d.io/injected"));
}

TEST(Admission, RefusedPodsAreAllowedUnchangedWithTheReason) {
    inject::InjectConfig iptables;
    iptables.mode = inject::Mode::Iptables;
    json host = busybox();
    host["request"]["object"]["spec"]["hostNetwork"] = true;
    auto a = answer(host, iptables);
    EXPECT_EQ(a.result, ReviewResult::Refused);
    json response = json::parse(a.body)["response"];
    EXPECT_EQ(response["allowed"], true);
    EXPECT_FALSE(response.contains("patch"));
    ASSERT_EQ(response["warnings"].size(), 1u);
    EXPECT_NE(response["warnings"][0].get<std::string>().find("hostNetwork"), std::string::npos);

    json sidecar = busybox();
    sidecar["request"]["object"]["spec"]["containers"].push_back(
        {{"name", "linkerd-proxy"}, {"image", "cr.l5d.io/linkerd/proxy:stable-2.14.0"}});
    auto b = answer(sidecar);
    EXPECT_EQ(b.result, ReviewResult::Refused);
    EXPECT_NE(json::parse(b.body)["response"]["warnings"][0].get<std::string>().find("linkerd-proxy"),
              std::string::npos);
}

TEST(Admission, PodsThatCannotBeEditedAreAllowedWithAWarning) {
    json review = busybox();
    review["request"]["object"]["spec"].erase("containers");
    auto a = answer(review);
    EXPECT_EQ(a.result, ReviewResult::Failed);
    json response = json::parse(a.body)["response"];
    EXPECT_EQ(response["allowed"], true);
    EXPECT_NE(response["warnings"][0].get<std::string>().find("no containers"), std::string::npos);
}

TEST(Admission, OtherKindsAndOperationsPassThrough) {
    json update = busybox();
    update["request"]["operation"] = "UPDATE";
    EXPECT_EQ(answer(update).result, ReviewResult::Skipped);
    json deployment = busybox();
    deployment["request"]["kind"]["kind"] = "Deployment";
    auto a = answer(deployment);
    EXPECT_EQ(a.result, ReviewResult::Skipped);
    EXPECT_EQ(json::parse(a.body)["response"]["allowed"], true);
    json binding = busybox();
    binding["request"]["subResource"] = "binding";
    EXPECT_EQ(answer(binding).result, ReviewResult::Skipped);
}

void expect_invalid(const std::string& body, const std::string& words, core::ErrorCode code = core::ErrorCode::Input,
                    const inject::InjectConfig& config = {}) {
    auto result = answer_review(body, config);
    ASSERT_FALSE(result) << body.substr(0, 80);
    EXPECT_EQ(result.error().code, code);
    EXPECT_NE(result.error().message.find(words), std::string::npos) << result.error().message;
}

TEST(Admission, MalformedReviewsAreErrors) {
    expect_invalid("{\"kind\": \"AdmissionReview\", ", "not JSON");
    expect_invalid("", "not JSON");
    expect_invalid("[1, 2]", "not a JSON object");
    json wrong_kind = busybox();
    wrong_kind["kind"] = "ConfigMap";
    expect_invalid(wrong_kind.dump(), "kind is 'ConfigMap'");
    json beta = busybox();
    beta["apiVersion"] = "admission.k8s.io/v1beta1";
    expect_invalid(beta.dump(), "only admission.k8s.io/v1");
    json no_request = busybox();
    no_request.erase("request");
    expect_invalid(no_request.dump(), "no request");
    json no_uid = busybox();
    no_uid["request"].erase("uid");
    expect_invalid(no_uid.dump(), "uid");
    json no_object = busybox();
    no_object["request"].erase("object");
    expect_invalid(no_object.dump(), "request.object is missing");
    json null_object = busybox();
    null_object["request"]["object"] = nullptr;
    expect_invalid(null_object.dump(), "request.object is missing");
    json not_pod = busybox();
    not_pod["request"]["object"]["kind"] = "Service";
    expect_invalid(not_pod.dump(), "not a Pod");
}

TEST(Admission, HostileSizesAreRefusedBeforeParsing) {
    inject::InjectConfig small;
    small.limits.max_document_bytes = 1000;
    expect_invalid(busybox().dump(), "over the limit", core::ErrorCode::Limit, small);
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    expect_invalid(deep, "nesting deeper");
    // Brackets inside strings do not count.
    json review = busybox();
    review["request"]["object"]["metadata"]["annotations"]["x"] = std::string(500, '[');
    EXPECT_EQ(answer(review).result, ReviewResult::Injected);
}

// Answers recorded from the webhook before it read each review once (it parsed with nlohmann,
// dumped the pod and scanned that again): the same requests must get the same bytes, answers and
// errors alike. The requests are the corpus reviews rewritten (compact, pretty with tabs, sorted
// with \u escapes, CRLF, a byte order mark, keys given twice, fields after the object) and broken.
TEST(Admission, AnswersAreTheBytesRecordedBeforeTheOnePassReader) {
    namespace fs = std::filesystem;
    fs::path dir = source_path("testdata/webhook/answers");
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::string file = entry.path().filename().string();
        const std::string suffix = ".request.json";
        if (!file.ends_with(suffix)) continue;
        std::string name = file.substr(0, file.size() - suffix.size());
        SCOPED_TRACE(name);
        auto result = answer_review(read_test_file(entry.path().string()), {});
        fs::path answer = dir / (name + ".answer.json");
        if (fs::exists(answer)) {
            ASSERT_TRUE(result) << result.error().message;
            EXPECT_EQ(result->body, read_test_file(answer.string()));
        } else {
            ASSERT_FALSE(result) << result->body;
            // The server answers 400 with the message and a newline.
            EXPECT_EQ(result.error().message + "\n", read_test_file((dir / (name + ".error.txt")).string()));
        }
        ++checked;
    }
    EXPECT_EQ(checked, 25);
}

// nlohmann took a NUL byte for the end of the text and ignored what followed; it is not JSON.
TEST(Admission, BytesAfterANulAreNotIgnored) {
    std::string body = busybox().dump();
    EXPECT_TRUE(answer_review(body, {}));
    expect_invalid(body + std::string(1, '\0') + "anything", "not JSON");
    expect_invalid(body + std::string(1, '\0'), "not JSON");
}

// A limit the pod's tree breaks fails open (allowed, with the reason), as before; the envelope
// around it is still read whole.
TEST(Admission, APodOverTheNodeLimitFailsOpen) {
    inject::InjectConfig small;
    // apiVersion, kind and the metadata key fill the tree (the dump sorts keys): metadata's names
    // are read all the same, for the label.
    small.limits.max_nodes_per_document = 5;
    auto a = answer(busybox(), small);
    EXPECT_EQ(a.result, ReviewResult::Failed);
    EXPECT_EQ(a.pod, "default/busybox");
    ASSERT_EQ(a.warnings.size(), 1u);
    EXPECT_NE(a.warnings[0].find("more than 5 nodes"), std::string::npos) << a.warnings[0];
    // Broken JSON after the pod is still an invalid review, not a failed-open pod.
    std::string text = busybox().dump();
    expect_invalid(text.substr(0, text.size() - 1), "not JSON", core::ErrorCode::Input, small);
}

TEST(Base64, DecodesTheCorpusResponse) {
    json response = corpus("admissionreview-v1-response-jsonpatch.json");
    json patch = response_patch(response);
    ASSERT_TRUE(patch.is_array());
    EXPECT_EQ(patch[0]["path"], "/metadata/labels/hello-added");
}

}  // namespace
}  // namespace mesh::webhook

#include "libmesh/webhook/admission.hpp"
#include "libmesh/core/json_document.hpp"

#include <fmt/format.h>

#include "libmesh/core/base64.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/inject/plan_render.hpp"
#include "libmesh/inject/pod_plan.hpp"
#include "libmesh/inject/uninject.hpp"
#include "libmesh/inject/workloads.hpp"
#include "libmesh/manifest/yaml_tree.hpp"
#include "libmesh/webhook/json_tree.hpp"

namespace mesh::webhook {

using nlohmann::json;

namespace {

constexpr const char* k_api_version = "admission.k8s.io/v1";
constexpr const char* k_origin = "request.object";

core::Error invalid(std::string message) {
    return core::Error{core::ErrorCode::Input, "invalid AdmissionReview: " + std::move(message), {}, {}};
}

std::string string_at(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string pod_label(const json& request, const json& pod) {
    std::string ns = string_at(request, "namespace");
    std::string name;
    if (auto meta = pod.find("metadata"); meta != pod.end() && meta->is_object()) {
        if (ns.empty()) ns = string_at(*meta, "namespace");
        name = string_at(*meta, "name");
        if (name.empty()) name = string_at(*meta, "generateName");
    }
    if (name.empty()) name = string_at(request, "name");
    return ns.empty() ? name : ns + "/" + name;
}

std::string render(const ReviewAnswer& answer) {
    json response{{"uid", answer.uid}, {"allowed", true}};
    if (answer.result == ReviewResult::Injected) {
        response["patchType"] = "JSONPatch";
        response["patch"] = core::base64_encode(answer.patch.dump());
    }
    if (!answer.warnings.empty()) response["warnings"] = answer.warnings;
    return json{{"apiVersion", k_api_version}, {"kind", "AdmissionReview"}, {"response", std::move(response)}}.dump();
}

// The pod as compact JSON text, without managedFields: the API server's bookkeeping, often half
// the pod, which no plan reads, no operation's path goes through, and which costs more to parse
// than everything else here.
std::string pod_text(json& pod) {
    if (auto meta = pod.find("metadata"); meta != pod.end() && meta->is_object()) meta->erase("managedFields");
    return pod.dump();
}

// Plans injection into the pod (`text`, from pod_text) exactly as `mesh inject` would plan it for
// the same JSON document.
void plan_pod_answer(const std::string& text, const inject::InjectConfig& config, ReviewAnswer& answer) {
    manifest::DocumentOrigin origin{k_origin, 1};
    auto fail_open = [&](const std::string& message) {
        answer.result = ReviewResult::Failed;
        answer.reason = message;
        answer.warnings.push_back("mesh webhook did not inject this pod: " + message);
    };
    // The same tree manifest::parse_document builds from this text (json_tree_test holds them equal),
    // without yaml-cpp's scanner.
    auto tree = json_tree(text, config.limits);
    if (!tree) return fail_open(tree.error().message);
    auto objects = inject::find_objects(*tree, config);
    if (objects.workloads.size() != 1 || !objects.workloads[0].json_path.empty())
        return fail_open("the object is not a single Pod");
    const auto& workload = objects.workloads[0];
    if (inject::has_marker(*tree, workload)) {
        answer.result = ReviewResult::Unchanged;
        answer.reason = "already injected";
        return;
    }
    auto plan = inject::plan_pod(*tree, origin, workload, config);
    if (!plan) return fail_open(plan.error().message);
    answer.warnings = plan->warnings;
    answer.reason = plan->reason;
    switch (plan->outcome) {
    case inject::PodPlan::Outcome::Skip: answer.result = ReviewResult::Skipped; break;
    case inject::PodPlan::Outcome::Unchanged: answer.result = ReviewResult::Unchanged; break;
    case inject::PodPlan::Outcome::Refuse:
        answer.result = ReviewResult::Refused;
        answer.warnings.push_back("mesh webhook did not inject this pod: " + plan->reason);
        break;
    case inject::PodPlan::Outcome::Inject:
        answer.result = ReviewResult::Injected;
        inject::append_json_patch(*plan, answer.patch);
        break;
    }
}

}  // namespace

const char* result_name(ReviewResult result) {
    switch (result) {
    case ReviewResult::Injected: return "injected";
    case ReviewResult::Unchanged: return "unchanged";
    case ReviewResult::Skipped: return "skipped";
    case ReviewResult::Refused: return "refused";
    case ReviewResult::Failed: return "failed";
    case ReviewResult::Invalid: return "invalid";
    }
    return "invalid";
}

core::Result<ReviewAnswer> answer_review(std::string_view body, const inject::InjectConfig& config) {
    if (body.size() > config.limits.max_document_bytes)
        return core::limit_error(fmt::format("AdmissionReview of {} bytes is over the limit of {} bytes", body.size(),
                                             config.limits.max_document_bytes));
    // nlohmann's parser keeps its own stack, but a bound on nesting keeps every later recursive walk
    // (dump, the YAML parser, destruction) safe.
    if (!core::json_nesting_within(body, config.limits.max_depth))
        return tl::unexpected(invalid(fmt::format("nesting deeper than {} levels", config.limits.max_depth)));
    json review = json::parse(body, nullptr, false);
    if (review.is_discarded()) return tl::unexpected(invalid("the body is not JSON"));
    if (!review.is_object()) return tl::unexpected(invalid("the body is not a JSON object"));
    if (std::string kind = string_at(review, "kind"); kind != "AdmissionReview")
        return tl::unexpected(invalid(fmt::format("kind is '{}', expected AdmissionReview", kind)));
    if (std::string version = string_at(review, "apiVersion"); version != k_api_version)
        return tl::unexpected(invalid(fmt::format(
            "apiVersion is '{}'; only {} is served (set admissionReviewVersions: [v1])", version, k_api_version)));
    auto request = review.find("request");
    if (request == review.end() || !request->is_object()) return tl::unexpected(invalid("it has no request"));
    ReviewAnswer answer;
    answer.uid = string_at(*request, "uid");
    if (answer.uid.empty()) return tl::unexpected(invalid("request.uid is missing"));

    std::string kind;
    if (auto k = request->find("kind"); k != request->end() && k->is_object()) kind = string_at(*k, "kind");
    std::string operation = string_at(*request, "operation");
    std::string sub_resource = string_at(*request, "subResource");
    auto object = request->find("object");  // a mutable iterator: planning drops managedFields
    bool pod_create = kind == "Pod" && sub_resource.empty() && (operation.empty() || operation == "CREATE");
    if (!pod_create) {
        answer.result = ReviewResult::Skipped;
        answer.reason = fmt::format("not a Pod CREATE ({} {}{})", operation.empty() ? "?" : operation,
                                    kind.empty() ? "?" : kind, sub_resource.empty() ? "" : "/" + sub_resource);
        answer.pod = string_at(*request, "namespace") + "/" + string_at(*request, "name");
    } else {
        if (object == request->end() || object->is_null()) return tl::unexpected(invalid("request.object is missing"));
        if (!object->is_object() || string_at(*object, "kind") != "Pod")
            return tl::unexpected(invalid("request.object is not a Pod"));
        answer.pod = pod_label(*request, *object);
        std::string text = pod_text(*object);
        // The parsed review is done with: free it before the pod's tree is built, so a review's
        // peak memory holds one parsed form of it, not two.
        review = json();
        plan_pod_answer(text, config, answer);
    }
    answer.body = render(answer);
    return answer;
}

}  // namespace mesh::webhook

#include "libmesh/webhook/admission.hpp"

#include <fmt/format.h>

#include "libmesh/core/base64.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/inject/plan_render.hpp"
#include "libmesh/inject/pod_plan.hpp"
#include "libmesh/inject/uninject.hpp"
#include "libmesh/inject/workloads.hpp"
#include "libmesh/manifest/yaml_tree.hpp"
#include "libmesh/webhook/review_reader.hpp"

namespace mesh::webhook {

using nlohmann::json;

namespace {

constexpr const char* k_api_version = "admission.k8s.io/v1";
constexpr const char* k_origin = "request.object";

core::Error invalid(std::string message) {
    return core::Error{core::ErrorCode::Input, "invalid AdmissionReview: " + std::move(message), {}, {}};
}

std::string pod_label(const ReviewFields& review) {
    std::string ns = review.ns.empty() ? review.meta_namespace : review.ns;
    std::string name = review.meta_name.empty() ? review.meta_generate_name : review.meta_name;
    if (name.empty()) name = review.name;
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

// Plans injection into the pod (its tree, read from the review without managedFields) exactly as
// `mesh inject` would plan it for the same JSON document.
void plan_pod_answer(const ReviewFields& review, const inject::InjectConfig& config, ReviewAnswer& answer) {
    manifest::DocumentOrigin origin{k_origin, 1};
    auto fail_open = [&](const std::string& message) {
        answer.result = ReviewResult::Failed;
        answer.reason = message;
        answer.warnings.push_back("mesh webhook did not inject this pod: " + message);
    };
    // The tree manifest::parse_document builds from the object's bytes, but for managedFields
    // (review_reader_test holds them equal), without a YAML parser.
    if (!review.pod_built) return fail_open(review.pod_failure);
    const manifest::YamlTree& tree = review.pod;
    auto objects = inject::find_objects(tree, config);
    if (objects.workloads.size() != 1 || !objects.workloads[0].json_path.empty())
        return fail_open("the object is not a single Pod");
    const auto& workload = objects.workloads[0];
    if (inject::has_marker(tree, workload)) {
        answer.result = ReviewResult::Unchanged;
        answer.reason = "already injected";
        return;
    }
    auto plan = inject::plan_pod(tree, origin, workload, config);
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
    auto read = read_review(body, config.limits);
    if (!read) {
        if (read.error() == ReviewReadError::TooDeep)
            return tl::unexpected(invalid(fmt::format("nesting deeper than {} levels", config.limits.max_depth)));
        return tl::unexpected(invalid("the body is not JSON"));
    }
    ReviewFields& review = *read;
    if (!review.is_object) return tl::unexpected(invalid("the body is not a JSON object"));
    if (review.kind != "AdmissionReview")
        return tl::unexpected(invalid(fmt::format("kind is '{}', expected AdmissionReview", review.kind)));
    if (review.api_version != k_api_version)
        return tl::unexpected(
            invalid(fmt::format("apiVersion is '{}'; only {} is served (set admissionReviewVersions: [v1])",
                                review.api_version, k_api_version)));
    if (!review.has_request) return tl::unexpected(invalid("it has no request"));
    ReviewAnswer answer;
    answer.uid = review.uid;
    if (answer.uid.empty()) return tl::unexpected(invalid("request.uid is missing"));

    const std::string& kind = review.resource_kind;
    const std::string& operation = review.operation;
    const std::string& sub_resource = review.sub_resource;
    bool pod_create = kind == "Pod" && sub_resource.empty() && (operation.empty() || operation == "CREATE");
    if (!pod_create) {
        answer.result = ReviewResult::Skipped;
        answer.reason = fmt::format("not a Pod CREATE ({} {}{})", operation.empty() ? "?" : operation,
                                    kind.empty() ? "?" : kind, sub_resource.empty() ? "" : "/" + sub_resource);
        answer.pod = review.ns + "/" + review.name;
    } else {
        using Object = ReviewFields::Object;
        if (review.object == Object::Missing || review.object == Object::Null)
            return tl::unexpected(invalid("request.object is missing"));
        if (review.object != Object::Map || review.object_kind != "Pod")
            return tl::unexpected(invalid("request.object is not a Pod"));
        answer.pod = pod_label(review);
        read_pod_tree(review, config.limits);
        plan_pod_answer(review, config, answer);
    }
    answer.body = render(answer);
    return answer;
}

}  // namespace mesh::webhook

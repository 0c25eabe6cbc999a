#pragma once
// Answering an admission.k8s.io/v1 AdmissionReview for a Pod: the same injection plan as
// `mesh inject`, rendered as a JSON Patch. A pure function: request bytes in, response bytes out.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "libmesh/core/error.hpp"
#include "libmesh/inject/inject_config.hpp"

namespace mesh::webhook {

/// How a review was answered (the `result` label of the metrics).
enum class ReviewResult { Injected, Unchanged, Skipped, Refused, Failed, Invalid };

/// Name of a result as the metrics and logs show it.
const char* result_name(ReviewResult result);

/// Every result, in a fixed order (for metrics).
inline constexpr ReviewResult k_all_results[] = {ReviewResult::Injected, ReviewResult::Unchanged,
                                                 ReviewResult::Skipped,  ReviewResult::Refused,
                                                 ReviewResult::Failed,   ReviewResult::Invalid};

/// A review that was answered (always `allowed: true`; a patch only when injecting).
struct ReviewAnswer {
    ReviewResult result = ReviewResult::Unchanged;
    std::string uid;
    std::string pod;                                 ///< namespace/name (or generateName) for logs
    std::string reason;                              ///< why nothing was injected, or ""
    std::vector<std::string> warnings;               ///< also in the response's `warnings`
    nlohmann::json patch = nlohmann::json::array();  ///< the RFC 6902 patch (empty unless Injected)
    std::string body;                                ///< the AdmissionReview response JSON
};

/// Answers one AdmissionReview. Fails, for an HTTP 4xx, when the body is over
/// config.limits.max_document_bytes (ErrorCode::Limit), is not JSON, nests deeper than
/// config.limits.max_depth, or is not an admission.k8s.io/v1 AdmissionReview whose request has a
/// uid and, for a Pod CREATE, an object that is a Pod (ErrorCode::Input). Pods opted out with
/// `linkerd.io/inject: disabled`, pods already carrying the marker, other kinds and operations
/// are allowed unchanged; pods `mesh inject` would refuse or cannot edit are allowed unchanged
/// with the reason in `warnings`.
core::Result<ReviewAnswer> answer_review(std::string_view body, const inject::InjectConfig& config);

}  // namespace mesh::webhook

#pragma once
// Reading an AdmissionReview in one pass: the envelope's fields and the pod's YamlTree, built
// straight from the body's bytes by JsonScanner (no JSON document object, no second text).

#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "libmesh/core/limits.hpp"
#include "libmesh/manifest/yaml_tree.hpp"

namespace mesh::webhook {

/// What an answer reads of an AdmissionReview. A string field is "" when absent or not a string;
/// a key given twice keeps its last value at every level, as Go's encoding/json reads it.
struct ReviewFields {
    bool is_object = false;     ///< the body is a JSON object
    std::string kind;           ///< kind
    std::string api_version;    ///< apiVersion
    bool has_request = false;   ///< request is an object
    std::string uid;            ///< request.uid
    std::string resource_kind;  ///< request.kind.kind
    std::string operation;      ///< request.operation
    std::string sub_resource;   ///< request.subResource
    std::string ns;             ///< request.namespace
    std::string name;           ///< request.name

    enum class Object { Missing, Null, Other, Map };
    Object object = Object::Missing;  ///< what request.object is
    std::string_view object_text;     ///< request.object's bytes in the body
    std::string object_kind;          ///< request.object.kind
    std::string meta_namespace;       ///< request.object.metadata.namespace
    std::string meta_name;            ///< request.object.metadata.name
    std::string meta_generate_name;   ///< request.object.metadata.generateName

    /// request.object's tree without metadata.managedFields (its text is the object's bytes in
    /// the body), when `pod_built`; else `pod_failure` says which limit stopped it, or the review
    /// was plainly not a Pod CREATE when the object was read.
    manifest::YamlTree pod;
    bool pod_built = false;
    std::string pod_failure;
};

/// Why a body is not a review at all.
enum class ReviewReadError {
    NotJson,  ///< not JSON
    TooDeep,  ///< nests deeper than the limit (counted as core::json_nesting_within counts)
};

/// Reads `body` once, checking that it is JSON (JsonScanner's rules) nesting at most
/// limits.max_depth deep. The pod's tree is built under `limits` whenever the review may be a Pod
/// CREATE: when request.kind, operation or subResource come before the object and rule that out,
/// the object is only checked, and read_pod_tree builds it later if a repeated key rules it in.
tl::expected<ReviewFields, ReviewReadError> read_review(std::string_view body, const core::Limits& limits);

/// Builds `fields.pod` from the object's bytes when read_review did not.
void read_pod_tree(ReviewFields& fields, const core::Limits& limits);

}  // namespace mesh::webhook

#pragma once
// Injecting into or uninjecting from one document.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/inject/stream_processor.hpp"

namespace mesh::inject {

/// One document's new text (when it changed) and its objects' reports.
struct DocumentOutcome {
    std::optional<std::string> rewritten;
    std::vector<ObjectReport> objects;
};

/// Processes the document at `range` of `stream`. Every edit is checked: the result must parse and
/// mean exactly the input plus the planned additions (inject) or minus the recorded ones (uninject).
core::Result<DocumentOutcome> process_document(std::string_view stream, const manifest::DocumentRange& range,
                                               const std::string& file, Operation operation,
                                               const InjectConfig& config);

}  // namespace mesh::inject

#pragma once
// Injecting into or uninjecting from a whole manifest stream, document by document (in
// parallel), with every edited document checked against its plan before anything is returned.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "libmesh/inject/inject_config.hpp"
#include "libmesh/manifest/stream_splitter.hpp"

namespace mesh::inject {

enum class ObjectStatus { Injected, Unchanged, Skipped, Refused, Uninjected };

/// What happened to one object, for the report.
struct ObjectReport {
    std::string file;
    int line = 0;
    std::string kind;
    std::string name;
    std::string namespace_;
    ObjectStatus status = ObjectStatus::Skipped;
    std::string reason;
    std::vector<std::string> warnings;
};

/// An input's documents and which of them were rewritten; the untouched bytes stay in the input.
struct StreamResult {
    std::vector<manifest::DocumentRange> documents;
    std::vector<std::optional<std::string>> rewritten;  ///< per document, when it changed
    std::vector<ObjectReport> objects;

    bool changed() const;
    bool refused() const;
    /// The output: the input with rewritten documents spliced in.
    std::string render(std::string_view input) const;
    /// The text of document `i` after processing.
    std::string_view document_text(std::string_view input, std::size_t i) const;
};

enum class Operation { Inject, Uninject };

/// Processes one input. Fails on the first input error (by document order) with file:line:col.
/// Refused workloads are reported (status Refused) and left unchanged; the caller decides.
core::Result<StreamResult> process_stream(std::string_view input, const std::string& file, Operation operation,
                                          const InjectConfig& config);

}  // namespace mesh::inject

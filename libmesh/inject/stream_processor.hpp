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
#include "libmesh/manifest/text_edit.hpp"

namespace mesh::inject {

/// NotRouted: injected (or already so), but a container keeps its own proxy variable, so its
/// traffic does not go through Linkerd.
enum class ObjectStatus { Injected, Unchanged, Skipped, Refused, Uninjected, NotRouted };

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

/// How one document changed: small edits on its original bytes (the common case, so the output
/// never needs a second copy of the input), or, after re-injection, its whole new text.
struct DocumentChange {
    std::vector<manifest::TextEdit> edits;
    std::optional<std::string> text;

    bool changed() const { return text.has_value() || !edits.empty(); }
};

/// An input's documents and how each changed; the untouched bytes stay in the input.
struct StreamResult {
    std::vector<manifest::DocumentRange> documents;
    std::vector<DocumentChange> changes;  ///< one per document
    std::vector<ObjectReport> objects;

    bool changed() const;
    bool refused() const;
    /// Writes the output (the input with every change applied) to `out`, piece by piece.
    void write_to(std::string_view input, std::ostream& out) const;
    /// The output as one string.
    std::string render(std::string_view input) const;
    /// The text of document `i` after processing.
    std::string document_text(std::string_view input, std::size_t i) const;
};

enum class Operation { Inject, Uninject };

/// Processes one input. Fails on the first input error (by document order) with file:line:col.
/// Refused workloads are reported (status Refused) and left unchanged; the caller decides.
core::Result<StreamResult> process_stream(std::string_view input, const std::string& file, Operation operation,
                                          const InjectConfig& config);

}  // namespace mesh::inject

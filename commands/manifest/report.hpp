#pragma once
// The per-object report of inject and uninject, on stderr.

#include <ostream>
#include <string>
#include <vector>

#include "libmesh/inject/stream_processor.hpp"

namespace mesh::commands {

/// What one run did, for the report: every object, every input that failed, what was written.
struct RunReport {
    inject::Operation operation = inject::Operation::Inject;
    std::vector<inject::ObjectReport> objects;
    std::vector<core::Error> errors;  ///< one per input that could not be processed
    std::size_t files_written = 0;    ///< files rewritten in place, or 1 for stdout / -o FILE
    std::string written_to;           ///< "in place", "stdout", a file name, or "" when nothing was
};

/// `file:line: kind "name" status (reason)` lines plus warnings, then one closing line (counts by
/// status and what was written); colour only when `colour`.
void write_text_report(std::ostream& err, const RunReport& report, bool colour);

/// One JSON document: {"objects": [...], "errors": [...], "summary": {...}}.
void write_json_report(std::ostream& err, const RunReport& report);

/// The closing line: "inject: 3 injected, 1 not routed, 2 skipped, 0 refused; 2 files written in place".
std::string summary_line(const RunReport& report);

/// The status as a word: injected, unchanged, skipped, refused, uninjected.
const char* status_name(inject::ObjectStatus status);

}  // namespace mesh::commands

#pragma once
// The per-object report of inject and uninject, on stderr.

#include <ostream>
#include <vector>

#include "libmesh/inject/stream_processor.hpp"

namespace mesh::commands {

/// `file:line: kind "name" status (reason)` lines plus warnings; colour only when `colour`.
void write_text_report(std::ostream& err, const std::vector<inject::ObjectReport>& objects, bool colour);

/// One JSON document: {"objects": [...]}.
void write_json_report(std::ostream& err, const std::vector<inject::ObjectReport>& objects);

/// The status as a word: injected, unchanged, skipped, refused, uninjected.
const char* status_name(inject::ObjectStatus status);

}  // namespace mesh::commands

#pragma once
// Runs inject or uninject over one text as a file would be, for tests that compare output text.

#include <string>

#include "libmesh/inject/stream_processor.hpp"

namespace mesh::test {

/// The output text, or "error: " and the message when the stream is refused.
std::string stream_text(const std::string& text, inject::Operation operation, inject::Mode mode,
                        const std::string& file_name = "pod.yml");

}  // namespace mesh::test

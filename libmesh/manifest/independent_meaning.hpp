#pragma once
// A second, independent reading of a document, by libfyaml instead of yaml-cpp: what an edited
// document means is checked by a parser that shares no code with the one that located the edits.
// It is also several times faster than a second yaml-cpp pass, which keeps verification cheap.

#include <string_view>

#include <nlohmann/json.hpp>

#include "libmesh/core/error.hpp"

namespace mesh::manifest {

/// `text` (one YAML document) as document_meaning would give it: plain scalars resolved as
/// go-yaml v2 does, other scalars as strings, aliases expanded. Fails on a syntax error (its
/// location is line and column within `text`), a second document, a duplicate key, or more than
/// `max_nodes` nodes after expanding aliases.
core::Result<nlohmann::json> independent_meaning(std::string_view text, std::size_t max_nodes);

/// libfyaml's version, for `mesh version`.
const char* independent_parser_version();

}  // namespace mesh::manifest

#pragma once
// How Kubernetes (go-yaml v2, YAML 1.1 rules) reads a plain scalar.

#include <string>
#include <string_view>

namespace mesh::manifest {

enum class ScalarType { Null, Bool, Int, Float, String };

/// The type go-yaml v2 gives a plain scalar, and its canonical text (`true`, `false`, the number).
struct ResolvedScalar {
    ScalarType type = ScalarType::String;
    std::string canonical;
};

/// True when a plain scalar is a string without looking further (a cheap test on its length and
/// first character); false means resolve_plain must decide.
bool surely_string(std::string_view text);

/// Resolves a plain (unquoted) scalar as go-yaml v2 does.
ResolvedScalar resolve_plain(std::string_view text);

}  // namespace mesh::manifest

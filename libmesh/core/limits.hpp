#pragma once
// Hard limits that keep hostile input from costing unbounded time or memory.

#include <cstddef>

namespace mesh::core {

/// Limits on manifest input; --help states them.
struct Limits {
    std::size_t max_input_bytes = 64u << 20;    ///< one file, stdin or URL body
    std::size_t max_document_bytes = 8u << 20;  ///< one YAML/JSON document
    std::size_t max_documents = 100000;         ///< documents in one input
    std::size_t max_depth = 100;                ///< nesting of collections
    std::size_t max_scalar_bytes = 4u << 20;    ///< one scalar (a ConfigMap value is at most 1 MiB)
    std::size_t max_nodes_per_document = 1000000;
};

}  // namespace mesh::core

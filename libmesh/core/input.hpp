#pragma once
// Reading manifests from files, directories, stdin and https URLs, with size limits.

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "libmesh/core/error.hpp"
#include "libmesh/core/limits.hpp"

namespace mesh::core {

/// One input's name (as the user wrote it, or the file found in a directory) and bytes.
struct InputFile {
    std::string name;
    std::string content;
    bool is_regular_file = false;  ///< a file on disk, so --in-place may rewrite it
};

/// How -f values are expanded.
struct InputOptions {
    bool recursive = false;  ///< descend into subdirectories
    Limits limits;
    /// Fetches an http(s):// value up to a byte limit (net::fetch_url); unset, such a value fails.
    std::function<Result<std::string>(const std::string& url, std::size_t max_bytes)> fetch;
};

/// Expands each -f value: `-` is stdin, a directory gives its .yaml/.yml/.json files (sorted),
/// an http(s):// URL is fetched with `options.fetch`; anything else is read as a file.
Result<std::vector<InputFile>> read_inputs(const std::vector<std::string>& specs, const InputOptions& options,
                                           std::istream& stdin_stream);

/// Reads a whole stream up to `max_bytes`; `name` is used in the error; `size_hint` reserves.
Result<std::string> read_stream(std::istream& in, const std::string& name, std::size_t max_bytes,
                                std::size_t size_hint = 0);

/// Reads a file up to `max_bytes`.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

}  // namespace mesh::core

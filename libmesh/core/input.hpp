#pragma once
// Reading manifests from files, directories, stdin and https URLs, with size limits.

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
};

/// Expands each -f value: `-` is stdin, a directory gives its .yaml/.yml/.json files (sorted),
/// an https:// URL is fetched; anything else is read as a file.
Result<std::vector<InputFile>> read_inputs(const std::vector<std::string>& specs,
                                           const InputOptions& options, std::istream& stdin_stream);

/// Reads a whole stream up to `max_bytes`; `name` is used in the error.
Result<std::string> read_stream(std::istream& in, const std::string& name, std::size_t max_bytes);

/// Reads a file up to `max_bytes`.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

/// Fetches an https URL (no other scheme) up to `max_bytes`; the CA bundle may be set with
/// SSL_CERT_FILE. Non-2xx answers are errors naming the status.
Result<std::string> fetch_url(const std::string& url, std::size_t max_bytes);

}  // namespace mesh::core

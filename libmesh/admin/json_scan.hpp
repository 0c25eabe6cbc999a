#pragma once
// A small, strict, non-recursive JSON event scanner for large metrics documents. nlohmann's lexer
// was most of `mesh status`'s CPU time on 1,000 proxies; this one reads in place and allocates
// only for strings that contain escapes.

#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mesh::admin {

/// Where and why scanning stopped.
struct ScanError {
    std::size_t offset = 0;
    std::string message;
    bool from_handler = false;  ///< the handler refused (its own limit), not a syntax error
};

/// Events of a JSON text; each returns false to stop.
class ScanHandler {
public:
    virtual ~ScanHandler() = default;
    virtual bool on_start_object() = 0;
    virtual bool on_end_object() = 0;
    virtual bool on_start_array() = 0;
    virtual bool on_end_array() = 0;
    virtual bool on_key(std::string_view key) = 0;
    virtual bool on_number(double value) = 0;
    virtual bool on_other_scalar() = 0;  ///< a string, true, false or null value
};

/// Scans `text` (exactly one JSON value plus white space); nullopt on success.
std::optional<ScanError> scan_json(std::string_view text, ScanHandler& handler);

}  // namespace mesh::admin

#pragma once
// A small, strict, non-recursive JSON event scanner for large metrics documents. nlohmann's lexer
// was most of `mesh status`'s CPU time on 1,000 proxies; this one reads in place, allocates only
// for strings that contain escapes, and lets the handler skip values it does not read (nine
// tenths of a Linkerd metrics tree, for `mesh status`).

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
    /// Asked after each on_key with the first byte of its value: true skips that value, which is
    /// then checked for syntax but gives no events (so it costs no handler work, and nothing of
    /// it counts against the handler's limits).
    virtual bool skips_value(char /*first*/) { return false; }
};

/// Scans `text` (exactly one JSON value plus white space); nullopt on success.
std::optional<ScanError> scan_json(std::string_view text, ScanHandler& handler);

}  // namespace mesh::admin

#include "libmesh/core/json_document.hpp"

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/core/text_position.hpp"

namespace mesh::core {

// Nesting depth of JSON text, counted outside strings; cheap and keeps hostile input from building
// pathological documents.
static std::size_t max_nesting(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
            deepest = std::max(deepest, ++depth);
        else if ((c == '}' || c == ']') && depth > 0)
            --depth;
    }
    return deepest;
}

Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& what, std::size_t max_bytes) {
    if (text.size() > max_bytes) return core::limit_error(fmt::format("{}: larger than {} bytes", what, max_bytes));
    if (max_nesting(text) > 128) return core::limit_error(what + ": nesting deeper than 128");
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        std::string message = e.what();
        auto bracket = message.find("] ");
        if (bracket != std::string::npos) message = message.substr(bracket + 2);
        return core::input_error(what + ": " + message, core::location_at(text, offset, what));
    } catch (const nlohmann::json::exception& e) {
        // e.g. out_of_range 406 "number overflow" (found by the kubeconfig fuzzer): not a parse_error.
        std::string message = e.what();
        auto bracket = message.find("] ");
        if (bracket != std::string::npos) message = message.substr(bracket + 2);
        return core::input_error(what + ": " + message);
    }
}

}  // namespace mesh::core

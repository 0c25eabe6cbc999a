#include "libmesh/core/json_document.hpp"

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/core/text_position.hpp"

namespace mesh::core {

bool json_nesting_within(std::string_view text, std::size_t max_depth) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) return false;
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return true;
}

Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& what, std::size_t max_bytes) {
    if (text.size() > max_bytes) return core::limit_error(fmt::format("{}: larger than {} bytes", what, max_bytes));
    if (!json_nesting_within(text, 128)) return core::limit_error(what + ": nesting deeper than 128");
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

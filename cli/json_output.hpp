#pragma once
// JSON printed one way: every command's -o json goes through json_text.

#include <string>

#include <nlohmann/json.hpp>

namespace mesh::cli {

/// Indented two spaces for people reading it, or on one line where mesh mirrors another tool's
/// bytes (namerd's and namerctl's JSON).
enum class JsonLayout { Indented, OneLine };

/// `document` followed by a newline; bytes that are not UTF-8 print as U+FFFD instead of failing.
template <class Json> std::string json_text(const Json& document, JsonLayout layout = JsonLayout::Indented) {
    return document.dump(layout == JsonLayout::Indented ? 2 : -1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace mesh::cli

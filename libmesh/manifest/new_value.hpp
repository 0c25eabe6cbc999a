#pragma once
// Values the tool adds to a manifest, and how they are written as YAML block text or JSON.

#include <string>
#include <utility>
#include <vector>

namespace mesh::manifest {

struct NewValueEntry;

/// A string, map or list to insert; maps keep insertion order.
struct NewValue {
    enum class Kind { String, Bool, Raw, Map, List } kind = Kind::String;
    std::string text;
    std::vector<NewValueEntry> entries;
    std::vector<NewValue> items;

    static NewValue string(std::string s);
    static NewValue boolean(bool b);
    /// Written verbatim (numbers, null).
    static NewValue raw(std::string s);
    static NewValue map(std::vector<NewValueEntry> e);
    static NewValue list(std::vector<NewValue> i);
};

/// One map entry of a NewValue (first: key, second: value, as in a std::pair).
struct NewValueEntry {
    std::string first;
    NewValue second;
};

// Defined here, where NewValueEntry is complete (clang needs it to destroy the vector).
inline NewValue NewValue::string(std::string s) { return NewValue{Kind::String, std::move(s), {}, {}}; }
inline NewValue NewValue::boolean(bool b) { return NewValue{Kind::Bool, b ? "true" : "false", {}, {}}; }
inline NewValue NewValue::raw(std::string s) { return NewValue{Kind::Raw, std::move(s), {}, {}}; }
inline NewValue NewValue::map(std::vector<NewValueEntry> e) { return NewValue{Kind::Map, {}, std::move(e), {}}; }
inline NewValue NewValue::list(std::vector<NewValue> i) { return NewValue{Kind::List, {}, {}, std::move(i)}; }

/// How block YAML is laid out in the document being edited.
struct BlockStyle {
    int indent_step = 2;           ///< spaces per nesting level of maps
    bool indentless_lists = true;  ///< `key:\n- item` (kubectl) rather than `key:\n  - item`
    std::string newline = "\n";    ///< "\r\n" in CRLF documents
};

/// A string as a YAML scalar: plain when nothing could read it as another type or syntax, else
/// double-quoted (so `"4140"`, `"true"` and `"$(NODE_NAME):4140"` keep their meaning everywhere).
std::string yaml_scalar(const std::string& s);

/// Block YAML for map entries at column `indent`, each line ending with style.newline.
std::string render_block_entries(const std::vector<NewValueEntry>& entries, int indent, const BlockStyle& style);

/// Block YAML for list items whose dash is at column `indent`.
std::string render_block_items(const std::vector<NewValue>& items, int indent, const BlockStyle& style);

/// One-line JSON (valid YAML flow) for a value.
std::string render_flow(const NewValue& value);

/// One-line JSON for a map entry: `"key": value`.
std::string render_flow_entry(const std::string& key, const NewValue& value);

}  // namespace mesh::manifest

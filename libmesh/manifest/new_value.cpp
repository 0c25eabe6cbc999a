#include "libmesh/manifest/new_value.hpp"

#include <fmt/format.h>

#include "libmesh/core/json_string.hpp"
#include "libmesh/manifest/scalar_resolver.hpp"

namespace mesh::manifest {

static bool plain_is_safe(const std::string& s) {
    if (s.empty() || resolve_plain(s).type != ScalarType::String) return false;
    auto ok_first = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '/'; };
    if (!ok_first(s[0])) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-'))
            return false;
    return true;
}

// Single quotes need no escapes, so JSON text (the marker) stays readable in them.
static bool single_quote_is_clean(const std::string& s) {
    if (s.find('"') == std::string::npos || s.find('\'') != std::string::npos) return false;
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

std::string yaml_scalar(const std::string& s) {
    if (plain_is_safe(s)) return s;
    return single_quote_is_clean(s) ? "'" + s + "'" : core::json_quote(s, core::JsonEscape::Plain);
}

static std::string scalar_text(const NewValue& v) {
    return v.kind == NewValue::Kind::String ? yaml_scalar(v.text) : v.text;
}

static void render_value_after_key(const NewValue& value, int indent, const BlockStyle& style, std::string& out);

static void render_entries(const std::vector<NewValueEntry>& entries, int indent, const BlockStyle& style,
                           std::string& out, bool first_inline) {
    bool first = true;
    for (const auto& [key, value] : entries) {
        if (!(first && first_inline)) out.append(static_cast<std::size_t>(indent), ' ');
        first = false;
        out += yaml_scalar(key);
        out += ':';
        render_value_after_key(value, indent, style, out);
    }
}

static void render_items(const std::vector<NewValue>& items, int indent, const BlockStyle& style, std::string& out) {
    for (const auto& item : items) {
        out.append(static_cast<std::size_t>(indent), ' ');
        out += "- ";
        if (item.kind == NewValue::Kind::Map && !item.entries.empty()) {
            render_entries(item.entries, indent + 2, style, out, true);
        } else if (item.kind == NewValue::Kind::List || item.kind == NewValue::Kind::Map) {
            out += render_flow(item) + style.newline;  // nested or empty collections stay on one line
        } else {
            out += scalar_text(item) + style.newline;
        }
    }
}

static void render_value_after_key(const NewValue& value, int indent, const BlockStyle& style, std::string& out) {
    switch (value.kind) {
    case NewValue::Kind::String:
    case NewValue::Kind::Bool:
    case NewValue::Kind::Raw: out += ' ' + scalar_text(value) + style.newline; break;
    case NewValue::Kind::Map:
        if (value.entries.empty()) {
            out += " {}" + style.newline;
        } else {
            out += style.newline;
            render_entries(value.entries, indent + style.indent_step, style, out, false);
        }
        break;
    case NewValue::Kind::List:
        if (value.items.empty()) {
            out += " []" + style.newline;
        } else {
            out += style.newline;
            render_items(value.items, style.indentless_lists ? indent : indent + style.indent_step, style, out);
        }
        break;
    }
}

std::string render_block_entries(const std::vector<NewValueEntry>& entries, int indent, const BlockStyle& style) {
    std::string out;
    render_entries(entries, indent, style, out, false);
    return out;
}

std::string render_block_items(const std::vector<NewValue>& items, int indent, const BlockStyle& style) {
    std::string out;
    render_items(items, indent, style, out);
    return out;
}

std::string render_flow_entry(const std::string& key, const NewValue& value) {
    return core::json_quote(key, core::JsonEscape::Plain) + ": " + render_flow(value);
}

std::string render_flow(const NewValue& value) {
    switch (value.kind) {
    case NewValue::Kind::String: return core::json_quote(value.text, core::JsonEscape::Plain);
    case NewValue::Kind::Bool:
    case NewValue::Kind::Raw: return value.text;
    case NewValue::Kind::Map: {
        std::string out = "{";
        for (std::size_t i = 0; i < value.entries.size(); ++i) {
            if (i) out += ", ";
            out += render_flow_entry(value.entries[i].first, value.entries[i].second);
        }
        return out + "}";
    }
    case NewValue::Kind::List: {
        std::string out = "[";
        for (std::size_t i = 0; i < value.items.size(); ++i) {
            if (i) out += ", ";
            out += render_flow(value.items[i]);
        }
        return out + "]";
    }
    }
    return {};
}

}  // namespace mesh::manifest

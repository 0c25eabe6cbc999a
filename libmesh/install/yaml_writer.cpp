#include "libmesh/install/yaml_writer.hpp"

#include "libmesh/manifest/new_value.hpp"

namespace mesh::install {

namespace {

using Json = nlohmann::ordered_json;

// A literal block keeps a config file or a dtab readable; it cannot hold control bytes, CR,
// trailing blanks on a line or a leading blank line without an indentation indicator, so those
// strings stay double-quoted.
bool fits_literal_block(const std::string& s) {
    if (s.find('\n') == std::string::npos || s.front() == ' ' || s.front() == '\n') return false;
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\n') || c == 0x7F) return false;
    for (std::size_t pos = s.find('\n'); pos != std::string::npos; pos = s.find('\n', pos + 1))
        if (pos > 0 && s[pos - 1] == ' ') return false;
    return s.back() != ' ';
}

std::string literal_block(const std::string& s, int indent) {
    std::size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    std::string out = trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n";
    std::string pad(static_cast<std::size_t>(indent), ' ');
    std::size_t start = 0;
    std::string body = s.substr(0, s.size() - trailing);
    while (start <= body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        std::string line = body.substr(start, end - start);
        out += line.empty() ? "\n" : pad + line + "\n";
        start = end + 1;
    }
    for (std::size_t i = 1; i < trailing; ++i) out += "\n";
    return out;
}

std::string scalar(const Json& v) {
    if (v.is_string()) return manifest::yaml_scalar(v.get<std::string>());
    return v.dump();  // numbers, booleans, null: JSON's spelling is YAML's
}

bool is_block(const Json& v) { return (v.is_object() || v.is_array()) && !v.empty(); }

void write_value(const Json& v, int indent, std::string& out);

void write_entries(const Json& object, int indent, bool first_inline, std::string& out) {
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!(first && first_inline)) out.append(static_cast<std::size_t>(indent), ' ');
        first = false;
        out += manifest::yaml_scalar(it.key()) + ":";
        const Json& value = it.value();
        if (value.is_object() && !value.empty()) {
            out += "\n";
            write_entries(value, indent + 2, false, out);
        } else if (value.is_array() && !value.empty()) {
            out += "\n";
            write_value(value, indent, out);  // kubectl's indentless list under a key
        } else if (value.is_string() && fits_literal_block(value.get<std::string>())) {
            out += " " + literal_block(value.get<std::string>(), indent + 2);
        } else {
            out += " " +
                   (value.is_object()  ? std::string("{}")
                    : value.is_array() ? std::string("[]")
                                       : scalar(value)) +
                   "\n";
        }
    }
}

void write_value(const Json& v, int indent, std::string& out) {
    if (v.is_object()) return write_entries(v, indent, false, out);
    for (const Json& item : v) {
        out.append(static_cast<std::size_t>(indent), ' ');
        out += "- ";
        if (item.is_object() && !item.empty()) {
            write_entries(item, indent + 2, true, out);
        } else if (is_block(item)) {
            out.back() = '\n';  // "-" alone on its line, no trailing blank
            write_value(item, indent + 2, out);
        } else if (item.is_string() && fits_literal_block(item.get<std::string>())) {
            out += literal_block(item.get<std::string>(), indent + 2);
        } else {
            out += (item.is_object() ? std::string("{}") : item.is_array() ? std::string("[]") : scalar(item)) + "\n";
        }
    }
}

}  // namespace

std::string to_block_yaml(const nlohmann::ordered_json& value) {
    if (!is_block(value))
        return (value.is_object() ? std::string("{}") : value.is_array() ? std::string("[]") : scalar(value)) + "\n";
    std::string out;
    write_value(value, 0, out);
    return out;
}

}  // namespace mesh::install

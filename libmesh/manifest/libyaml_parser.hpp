#pragma once
// A libyaml parser over a string and its current event, owned together so every path frees them
// (shared by the tree reader and the streaming meaning check).

#include <yaml.h>

#include <string_view>

namespace mesh::manifest {

/// libyaml's event parser over `text` (UTF-8); next() moves to the next event.
struct LibyamlParser {
    yaml_parser_t parser;
    yaml_event_t event;
    bool has_event = false;

    explicit LibyamlParser(std::string_view text) {
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    }
    ~LibyamlParser() {
        drop();
        yaml_parser_delete(&parser);
    }
    LibyamlParser(const LibyamlParser&) = delete;
    LibyamlParser& operator=(const LibyamlParser&) = delete;

    /// Parses the next event; false on a syntax error (parser.problem says why).
    bool next() {
        drop();
        has_event = yaml_parser_parse(&parser, &event) != 0;
        return has_event;
    }
    /// Frees the current event.
    void drop() {
        if (has_event) yaml_event_delete(&event);
        has_event = false;
    }
};

}  // namespace mesh::manifest

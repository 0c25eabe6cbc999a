#include "libmesh/manifest/independent_meaning.hpp"

#include <libfyaml.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "libmesh/manifest/meaning.hpp"

namespace mesh::manifest {

namespace {

std::string token_text(fy_token* token) {
    if (token == nullptr) return {};
    std::size_t length = 0;
    const char* text = fy_token_get_text(token, &length);
    return text == nullptr ? std::string() : std::string(text, length);
}

struct ParserDeleter {
    void operator()(fy_parser* parser) const { fy_parser_destroy(parser); }
};
using ParserPtr = std::unique_ptr<fy_parser, ParserDeleter>;
struct DiagDeleter {
    void operator()(fy_diag* diag) const { fy_diag_destroy(diag); }
};
using DiagPtr = std::unique_ptr<fy_diag, DiagDeleter>;

// libfyaml prints its diagnostics on stderr even when quiet; keep the first line for our error.
void keep_first_message(fy_diag*, void* user, const char* text, std::size_t length) {
    auto* message = static_cast<std::string*>(user);
    if (!message->empty()) return;
    std::string_view line(text, length);
    message->assign(line.substr(0, std::min(line.find('\n'), std::size_t{300})));
}

// "<memory-@...>:18:7: error: invalid value after mapping" as a located error.
core::Error diagnostic_error(const std::string& diagnostic) {
    core::Error e{core::ErrorCode::Input, "libfyaml: not valid YAML", {}, {}};
    static const std::regex located(R"(:(\d+):(\d+): error: (.*)$)");
    std::smatch m;
    if (std::regex_search(diagnostic, m, located)) {
        e.message = "libfyaml: " + m[3].str();
        e.location.line = std::stoi(m[1].str());
        e.location.column = std::stoi(m[2].str());
    } else if (!diagnostic.empty()) {
        e.message = "libfyaml: " + diagnostic;
    }
    return e;
}

// One event at a time; the event is freed when the next one is read or the reader goes away.
class EventReader {
public:
    explicit EventReader(fy_parser* parser) : m_parser(parser) {}
    ~EventReader() { release(); }
    EventReader(const EventReader&) = delete;
    EventReader& operator=(const EventReader&) = delete;

    fy_event* next() {
        release();
        m_event = fy_parser_parse(m_parser);
        return m_event;
    }

private:
    void release() {
        if (m_event != nullptr) fy_parser_event_free(m_parser, m_event);
        m_event = nullptr;
    }
    fy_parser* m_parser;
    fy_event* m_event = nullptr;
};

// Builds the meaning from the event stream with an explicit stack (no recursion on the input).
class MeaningFromEvents {
public:
    explicit MeaningFromEvents(std::size_t max_nodes) : m_budget(max_nodes) {}

    /// Handles one event inside the document; false (with `error` set) stops the build.
    bool on_event(const fy_event& event) {
        switch (event.type) {
        case FYET_SCALAR: {
            const auto& s = event.scalar;
            std::string tag = token_text(s.tag);
            // As yaml-cpp reports it: an explicitly tagged scalar is not plain (it becomes a string).
            bool plain = fy_token_scalar_style(s.value) == FYSS_PLAIN && tag.empty();
            return complete(scalar_meaning(token_text(s.value), plain, tag), token_text(s.anchor));
        }
        case FYET_ALIAS: {
            auto it = m_anchors.find(token_text(event.alias.anchor));
            if (it == m_anchors.end()) return fail("an alias to an unknown anchor");
            if (!charge(it->second.nodes)) return false;
            return complete(it->second.value, {});
        }
        case FYET_MAPPING_START: return open(nlohmann::json::object(), token_text(event.mapping_start.anchor));
        case FYET_SEQUENCE_START: return open(nlohmann::json::array(), token_text(event.sequence_start.anchor));
        case FYET_MAPPING_END:
        case FYET_SEQUENCE_END: {
            Frame frame = std::move(m_stack.back());
            m_stack.pop_back();
            return complete(std::move(frame.value), frame.anchor);
        }
        default: return true;
        }
    }

    std::optional<nlohmann::json> root;
    std::string error;

private:
    struct Frame {
        nlohmann::json value;
        std::string anchor;
        std::optional<std::string> key;  // a mapping's key waiting for its value
    };
    struct Anchored {
        nlohmann::json value;
        std::size_t nodes;
    };
    std::vector<Frame> m_stack;
    std::unordered_map<std::string, Anchored> m_anchors;
    std::size_t m_budget;

    bool fail(std::string message) {
        error = std::move(message);
        return false;
    }
    bool charge(std::size_t nodes) {
        if (nodes > m_budget) return fail("aliases expand to too many nodes (an alias bomb?)");
        m_budget -= nodes;
        return true;
    }
    bool open(nlohmann::json container, std::string anchor) {
        if (!charge(1)) return false;
        m_stack.push_back(Frame{std::move(container), std::move(anchor), std::nullopt});
        return true;
    }
    // A finished node: remember its anchor, then place it in its parent (or make it the root).
    bool complete(nlohmann::json value, const std::string& anchor) {
        if (!value.is_structured() && !charge(1)) return false;
        if (!anchor.empty()) m_anchors[anchor] = Anchored{value, meaning_node_count(value)};
        if (m_stack.empty()) {
            root = std::move(value);
            return true;
        }
        Frame& parent = m_stack.back();
        if (parent.value.is_array()) {
            parent.value.push_back(std::move(value));
            return true;
        }
        if (!parent.key) {
            parent.key = value.is_string() ? value.get<std::string>() : value.dump();
            return true;
        }
        if (parent.value.contains(*parent.key)) return fail("duplicate key \"" + *parent.key + "\"");
        parent.value[*parent.key] = std::move(value);
        parent.key.reset();
        return true;
    }
};

}  // namespace

core::Result<nlohmann::json> independent_meaning(std::string_view text, std::size_t max_nodes) {
    std::string diagnostic;
    fy_diag_cfg diag_config{};
    fy_diag_cfg_default(&diag_config);
    diag_config.fp = nullptr;
    diag_config.output_fn = keep_first_message;
    diag_config.user = &diagnostic;
    diag_config.colorize = false;
    DiagPtr diag(fy_diag_create(&diag_config));
    fy_parse_cfg config{};
    config.flags = FYPCF_QUIET;
    config.diag = diag.get();
    ParserPtr parser(diag ? fy_parser_create(&config) : nullptr);
    if (!parser || fy_parser_set_string(parser.get(), text.data(), text.size()) != 0)
        return core::fail(core::ErrorCode::Internal, "libfyaml could not start");
    MeaningFromEvents builder(max_nodes);
    EventReader reader(parser.get());
    int documents = 0;
    while (fy_event* event = reader.next()) {
        if (event->type == FYET_DOCUMENT_START && ++documents > 1)
            return core::fail(core::ErrorCode::Input, "more than one document");
        if (!builder.on_event(*event)) return core::fail(core::ErrorCode::Input, builder.error);
    }
    if (fy_parser_get_stream_error(parser.get())) return tl::unexpected(diagnostic_error(diagnostic));
    return builder.root.value_or(nlohmann::json());
}

const char* independent_parser_version() { return fy_library_version(); }

}  // namespace mesh::manifest

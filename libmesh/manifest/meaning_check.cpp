#include "libmesh/manifest/meaning_check.hpp"

#include <algorithm>
#include <vector>

#include "libmesh/manifest/libyaml_parser.hpp"
#include "libmesh/manifest/meaning.hpp"
#include "libmesh/manifest/scalar_resolver.hpp"

namespace mesh::manifest {

namespace {

struct CannotTell {};

// Walks the events of one node against the meaning it must have; returns false at the first
// difference. Recursion follows the expected meaning, so it is no deeper than the base document.
class MeaningMatcher {
public:
    MeaningMatcher(std::string_view text, const core::Limits& limits) : m_parser(text), m_limits(limits) {}

    bool document(const nlohmann::json& expected) {
        next();  // the stream's start
        next();
        if (event().type == YAML_STREAM_END_EVENT) return expected.is_null();  // an empty document
        next();                                                                // past the document's start
        if (!node(expected)) return false;
        next();  // the document's end
        next();
        return event().type == YAML_STREAM_END_EVENT;  // else a second document
    }

private:
    LibyamlParser m_parser;
    const core::Limits& m_limits;
    std::size_t m_nodes = 0;
    std::size_t m_depth = 0;  // open collections

    const yaml_event_t& event() const { return m_parser.event; }
    // Moves to the next event; a syntax error is for the reference to report.
    void next() {
        if (!m_parser.next()) throw CannotTell{};
    }

    // The node whose first event is the current one, read up to its last event. Counts nodes and
    // depth as TreeBuilder does, so what it would refuse is never accepted here.
    bool node(const nlohmann::json& expected) {
        if (++m_nodes > m_limits.max_nodes_per_document) return false;
        switch (event().type) {
        case YAML_SCALAR_EVENT: {
            if (event().data.scalar.anchor) throw CannotTell{};
            return scalar_is(expected);
        }
        case YAML_SEQUENCE_START_EVENT: {
            if (event().data.sequence_start.anchor) throw CannotTell{};
            if (!expected.is_array() || m_depth >= m_limits.max_depth) return false;
            ++m_depth;
            std::size_t i = 0;
            while (true) {
                next();
                if (event().type == YAML_SEQUENCE_END_EVENT) break;
                if (i >= expected.size() || !node(expected[i])) return false;
                ++i;
            }
            --m_depth;
            return i == expected.size();
        }
        case YAML_MAPPING_START_EVENT: {
            if (event().data.mapping_start.anchor) throw CannotTell{};
            if (!expected.is_object() || m_depth >= m_limits.max_depth) return false;
            ++m_depth;
            bool same = mapping(expected);
            --m_depth;
            return same;
        }
        case YAML_ALIAS_EVENT: throw CannotTell{};
        default: return false;
        }
    }

    // A map means an object with the same keys (as document_meaning names them), each once.
    // Keys written alike are duplicates even when they mean different things (`1` and "1"), as
    // TreeBuilder says; keys that mean the same (`~` and `null`) are refused too.
    bool mapping(const nlohmann::json& expected) {
        std::vector<const nlohmann::json*> seen;
        std::vector<std::string> written;  // keys other than null words, as written
        while (true) {
            next();
            if (event().type == YAML_MAPPING_END_EVENT) break;
            if (event().type == YAML_ALIAS_EVENT) throw CannotTell{};
            if (event().type != YAML_SCALAR_EVENT) return false;  // a collection as a key is refused
            if (event().data.scalar.anchor) throw CannotTell{};
            if (++m_nodes > m_limits.max_nodes_per_document) return false;
            auto key = scalar();
            if (!key) return false;
            if (!key->is_null())
                written.emplace_back(reinterpret_cast<const char*>(event().data.scalar.value),
                                     event().data.scalar.length);
            auto it = expected.find(key->is_string() ? key->get_ref<const std::string&>() : key->dump());
            if (it == expected.end()) return false;
            seen.push_back(&*it);
            next();
            if (!node(*it)) return false;
        }
        if (seen.size() != expected.size()) return false;
        std::sort(seen.begin(), seen.end());
        std::sort(written.begin(), written.end());
        return std::adjacent_find(seen.begin(), seen.end()) == seen.end() &&
               std::adjacent_find(written.begin(), written.end()) == written.end();
    }

    // Whether the current scalar event means `expected`; strings, the common case, are compared
    // without building a JSON value.
    bool scalar_is(const nlohmann::json& expected) {
        const auto& s = event().data.scalar;
        if (s.length > m_limits.max_scalar_bytes) return false;
        std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
        bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        std::string_view tag = s.tag ? std::string_view(reinterpret_cast<const char*>(s.tag)) : (plain ? "?" : "!");
        bool untagged_plain = plain && tag == "?";
        if (expected.is_string() && (!untagged_plain || surely_string(value)))
            return expected.get_ref<const std::string&>() == value;
        auto meaning = scalar();
        return meaning && *meaning == expected;
    }

    // What the current scalar event means, as TreeBuilder and document_meaning read it.
    std::optional<nlohmann::json> scalar() {
        const auto& s = event().data.scalar;
        if (s.length > m_limits.max_scalar_bytes) return std::nullopt;
        std::string value(reinterpret_cast<const char*>(s.value), s.length);
        bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        std::string_view tag = s.tag ? std::string_view(reinterpret_cast<const char*>(s.tag)) : (plain ? "?" : "!");
        return scalar_meaning(value, plain && tag == "?", tag);
    }
};

}  // namespace

std::optional<bool> text_means(std::string_view text, const nlohmann::json& expected, const core::Limits& limits) {
    try {
        return MeaningMatcher(text, limits).document(expected);
    } catch (const CannotTell&) {
        return std::nullopt;
    }
}

}  // namespace mesh::manifest

#include "libmesh/manifest/meaning_check.hpp"

#include <algorithm>
#include <deque>
#include <vector>

#include "libmesh/manifest/libyaml_parser.hpp"
#include "libmesh/manifest/meaning.hpp"
#include "libmesh/manifest/scalar_resolver.hpp"

namespace mesh::manifest {

namespace {

struct CannotTell {};

// Whether a scalar means the string it holds, as scalar_meaning reads it: quoted, block or
// tagged ones always; untagged plain ones unless they could be a null, bool or number.
bool means_string_as_written(const yaml_event_t& scalar, std::string_view value) {
    const auto& s = scalar.data.scalar;
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    std::string_view tag = s.tag ? std::string_view(reinterpret_cast<const char*>(s.tag)) : (plain ? "?" : "!");
    return !(plain && tag == "?") || surely_string(value);
}

// A map's keys read so far, to refuse duplicates; one per open map, reused from map to map.
struct MapScratch {
    std::vector<std::string_view> seen;                   // the names of the entries the keys named
    std::string written;                                  // keys other than null words, as written,
    std::vector<std::pair<std::size_t, std::size_t>> at;  // each at (offset, length) in `written`
    std::vector<std::string_view> keys;                   // all_different's sorting space

    void clear() {
        seen.clear();
        written.clear();
        at.clear();
    }
    void note_written(std::string_view key) {
        at.emplace_back(written.size(), key.size());
        written += key;
    }
    // No entry named twice and no key written twice.
    bool all_different() {
        // Sorted by name, not by address: the fuzzer traces comparisons, and addresses would make
        // its runs differ from one another.
        std::sort(seen.begin(), seen.end());
        if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) return false;
        keys.clear();
        for (auto [offset, length] : at) keys.emplace_back(written.data() + offset, length);
        std::sort(keys.begin(), keys.end());
        return std::adjacent_find(keys.begin(), keys.end()) == keys.end();
    }
};

// Walks the events of one node against the meaning it must have; returns false at the first
// difference. Recursion follows the expected meaning, so it is no deeper than the base document.
class MeaningMatcher {
public:
    MeaningMatcher(std::string_view text, const core::Limits& limits, const YamlTree* base)
        : m_parser(text), m_limits(limits), m_base(base) {}

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
    const YamlTree* m_base;  // what placeholders in the expected meaning stand for
    std::size_t m_nodes = 0;
    std::size_t m_depth = 0;           // open collections
    std::deque<MapScratch> m_scratch;  // by depth (a deque: deeper maps add one without moving these)

    const yaml_event_t& event() const { return m_parser.event; }
    // Moves to the next event; a syntax error is for the reference to report.
    void next() {
        if (!m_parser.next()) throw CannotTell{};
    }

    // The node whose first event is the current one, read up to its last event. Counts nodes and
    // depth as TreeBuilder does, so what it would refuse is never accepted here.
    bool node(const nlohmann::json& expected) {
        if (m_base)
            if (auto id = placeholder_node(expected)) return tree_node(*id);
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
            if (m_scratch.size() < m_depth) m_scratch.resize(m_depth);
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
        MapScratch& scratch = m_scratch[m_depth - 1];  // m_depth counts this map
        scratch.clear();
        while (true) {
            next();
            if (event().type == YAML_MAPPING_END_EVENT) break;
            if (event().type == YAML_ALIAS_EVENT) throw CannotTell{};
            if (event().type != YAML_SCALAR_EVENT) return false;  // a collection as a key is refused
            if (event().data.scalar.anchor) throw CannotTell{};
            if (++m_nodes > m_limits.max_nodes_per_document) return false;
            auto it = find_key(expected, scratch);
            if (it == expected.end()) return false;
            scratch.seen.push_back(it.key());
            next();
            if (!node(*it)) return false;
        }
        return scratch.seen.size() == expected.size() && scratch.all_different();
    }

    // The entry of `expected` the current key scalar names (end() if none, or if the key is
    // refused), noting the key in `scratch`. String keys, nearly all of them, are looked up as
    // written, without building a JSON value.
    nlohmann::json::const_iterator find_key(const nlohmann::json& expected, MapScratch& scratch) {
        const auto& s = event().data.scalar;
        if (s.length > m_limits.max_scalar_bytes) return expected.end();
        std::string_view written(reinterpret_cast<const char*>(s.value), s.length);
        if (means_string_as_written(event(), written)) {
            scratch.note_written(written);
            return expected.find(written);
        }
        auto key = scalar();
        if (!key) return expected.end();
        if (!key->is_null()) scratch.note_written(written);
        return expected.find(key->is_string() ? key->get_ref<const std::string&>() : key->dump());
    }

    // The node whose first event is the current one means what node `id` of the base tree means.
    // Edits leave such subtrees' text as it was, so their events come in the tree's order: keys
    // are matched in order, which with the tree's distinct string keys also rules out duplicates.
    bool tree_node(NodeId id) {
        if (++m_nodes > m_limits.max_nodes_per_document) return false;
        const YamlNode& want = (*m_base)[id];
        switch (event().type) {
        case YAML_SCALAR_EVENT:
            if (event().data.scalar.anchor) throw CannotTell{};
            return (want.kind == NodeKind::Scalar || want.kind == NodeKind::Null) && scalar_is(want);
        case YAML_SEQUENCE_START_EVENT: {
            if (event().data.sequence_start.anchor) throw CannotTell{};
            if (want.kind != NodeKind::Sequence || m_depth >= m_limits.max_depth) return false;
            ++m_depth;
            for (NodeId item : want.children) {
                next();
                if (event().type == YAML_SEQUENCE_END_EVENT || !tree_node(item)) return false;
            }
            next();
            --m_depth;
            return event().type == YAML_SEQUENCE_END_EVENT;
        }
        case YAML_MAPPING_START_EVENT: {
            if (event().data.mapping_start.anchor) throw CannotTell{};
            if (want.kind != NodeKind::Map || m_depth >= m_limits.max_depth) return false;
            ++m_depth;
            for (std::size_t i = 0; i < m_base->entry_count(id); ++i) {
                next();
                if (event().type == YAML_ALIAS_EVENT) throw CannotTell{};
                if (event().type != YAML_SCALAR_EVENT) return false;
                if (event().data.scalar.anchor) throw CannotTell{};
                if (++m_nodes > m_limits.max_nodes_per_document) return false;
                if (!key_is((*m_base)[m_base->key_at(id, i)])) return false;
                next();
                if (!tree_node(m_base->value_at(id, i))) return false;
            }
            next();
            --m_depth;
            return event().type == YAML_MAPPING_END_EVENT;
        }
        case YAML_ALIAS_EVENT: throw CannotTell{};
        default: return false;
        }
    }

    // Whether the current scalar event is a key naming the same string as `key` of the tree.
    // A key of the tree that is not a string (`1:`, `~:`) is left to the reference, whose
    // duplicate rules for such keys this in-order walk does not repeat.
    bool key_is(const YamlNode& key) {
        bool string_key = key.kind == NodeKind::Scalar &&
                          (!key.plain || key.tag == "tag:yaml.org,2002:str" || surely_string(key.value) ||
                           resolve_plain(key.value).type == ScalarType::String);
        if (!string_key) throw CannotTell{};
        const auto& s = event().data.scalar;
        if (s.length > m_limits.max_scalar_bytes) return false;
        std::string_view written(reinterpret_cast<const char*>(s.value), s.length);
        if (means_string_as_written(event(), written)) return written == key.value;
        auto meaning = scalar();
        return meaning && meaning->is_string() && meaning->get_ref<const std::string&>() == key.value;
    }

    // Whether the current scalar event means what scalar (or null) node `want` means; the same
    // text, plainness and tag mean the same without resolving either.
    bool scalar_is(const YamlNode& want) {
        const auto& s = event().data.scalar;
        if (s.length > m_limits.max_scalar_bytes) return false;
        std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
        bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
        std::string_view tag = s.tag ? std::string_view(reinterpret_cast<const char*>(s.tag)) : (plain ? "?" : "!");
        if (want.kind == NodeKind::Scalar && value == want.value && (plain && tag == "?") == want.plain &&
            tag == want.tag)
            return true;
        auto meaning = scalar();
        if (!meaning) return false;
        return want.kind == NodeKind::Null ? meaning->is_null()
                                           : *meaning == scalar_meaning(want.value, want.plain, want.tag);
    }

    // Whether the current scalar event means `expected`; strings, the common case, are compared
    // without building a JSON value.
    bool scalar_is(const nlohmann::json& expected) {
        const auto& s = event().data.scalar;
        if (s.length > m_limits.max_scalar_bytes) return false;
        std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
        if (expected.is_string() && means_string_as_written(event(), value))
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

std::optional<bool> text_means(std::string_view text, const nlohmann::json& expected, const core::Limits& limits,
                               const YamlTree* base) {
    try {
        return MeaningMatcher(text, limits, base).document(expected);
    } catch (const CannotTell&) {
        return std::nullopt;
    }
}

}  // namespace mesh::manifest

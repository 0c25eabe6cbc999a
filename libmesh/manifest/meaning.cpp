#include "libmesh/manifest/meaning.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "libmesh/manifest/new_value.hpp"
#include "libmesh/manifest/scalar_resolver.hpp"

namespace mesh::manifest {

namespace {

struct AliasBudgetExceeded {};

// Numbers are kept as {k_number_key: text} until output, so comparisons are exact.
constexpr const char* k_number_key = "\x01number";

class MeaningBuilder {
public:
    // `built`, when given, says which nodes are built; the others become placeholders.
    MeaningBuilder(const YamlTree& tree, std::size_t max_nodes, const std::vector<bool>* built = nullptr)
        : m_tree(tree), m_budget(max_nodes), m_built(built) {}

    // Keys are always built (`is_key`): they are names, never placeholders.
    nlohmann::json build(NodeId id, bool is_key = false) {
        if (m_budget == 0) throw AliasBudgetExceeded{};
        --m_budget;
        if (m_built && !is_key && !(*m_built)[static_cast<std::size_t>(id)])
            return nlohmann::json(static_cast<std::uint64_t>(id));
        const YamlNode& node = m_tree[id];
        nlohmann::json out;
        switch (node.kind) {
        case NodeKind::Null: out = nullptr; break;
        case NodeKind::Scalar: out = scalar(node); break;
        case NodeKind::Alias: {
            auto it = m_anchors.find(node.anchor);
            if (it == m_anchors.end()) break;
            // Charge the expansion before copying it: the copy is what an alias bomb multiplies.
            if (it->second.nodes >= m_budget) throw AliasBudgetExceeded{};
            m_budget -= it->second.nodes;
            out = it->second.value;
            break;
        }
        case NodeKind::Sequence:
            out = nlohmann::json::array();
            for (NodeId child : node.children) out.push_back(build(child));
            break;
        case NodeKind::Map:
            out = nlohmann::json::object();
            for (std::size_t i = 0; i < m_tree.entry_count(id); ++i) {
                nlohmann::json key = build(m_tree.key_at(id, i), true);
                out[key.is_string() ? std::move(key.get_ref<std::string&>()) : key.dump()] =
                    build(m_tree.value_at(id, i));
            }
            break;
        }
        if (node.anchored) m_anchors[node.anchor] = Anchored{out, meaning_node_count(out)};
        return out;
    }

private:
    const YamlTree& m_tree;
    std::size_t m_budget;
    struct Anchored {
        nlohmann::json value;
        std::size_t nodes;
    };
    std::unordered_map<std::size_t, Anchored> m_anchors;
    const std::vector<bool>* m_built;

    static nlohmann::json scalar(const YamlNode& node) { return scalar_meaning(node.value, node.plain, node.tag); }
};

}  // namespace

std::size_t meaning_node_count(const nlohmann::json& meaning) {
    std::size_t n = 1;
    if (meaning.is_structured())
        for (const auto& child : meaning) n += meaning_node_count(child);
    return n;
}

nlohmann::json scalar_meaning(const std::string& value, bool plain, std::string_view tag) {
    if (!plain || tag == "tag:yaml.org,2002:str" || surely_string(value)) return value;
    ResolvedScalar r = resolve_plain(value);
    switch (r.type) {
    case ScalarType::Null: return nullptr;
    case ScalarType::Bool: return r.canonical == "true";
    case ScalarType::Int:
    case ScalarType::Float:
        // Numbers keep their text: both sides of a comparison convert the same way, and no
        // precision is lost on integers beyond 64 bits.
        return nlohmann::json{{k_number_key, r.canonical}};
    case ScalarType::String: return value;
    }
    return value;
}

core::Result<nlohmann::json> document_meaning(const YamlTree& tree, const DocumentOrigin& origin,
                                              std::size_t max_nodes) {
    if (tree.root == k_no_node) return nlohmann::json();
    try {
        return MeaningBuilder(tree, max_nodes).build(tree.root);
    } catch (const AliasBudgetExceeded&) {
        return tl::unexpected(document_error(tree, origin, 0, "aliases expand to too many nodes (an alias bomb?)",
                                             core::ErrorCode::Limit));
    }
}

// A map key's name in a meaning: its string, or the JSON text of what else it means.
static std::string key_name(const YamlNode& key) {
    if (key.kind == NodeKind::Null) return "null";
    nlohmann::json meaning = scalar_meaning(key.value, key.plain, key.tag);
    return meaning.is_string() ? meaning.get<std::string>() : meaning.dump();
}

// Whether map key `key` is named `name` in a meaning; most keys are strings as written.
static bool names(const YamlNode& key, std::string_view name) {
    if (key.kind == NodeKind::Scalar && (!key.plain || surely_string(key.value))) return key.value == name;
    return key_name(key) == name;
}

// Marks the nodes a JSON Patch path walks through as built, up to the node it names or, for an
// "add", the parent of what it creates. False when an earlier token names no node: the patch
// would then meet a placeholder where it needs the parent.
static bool mark_path(const YamlTree& tree, std::string_view pointer, std::vector<bool>& built) {
    NodeId id = tree.root;
    built[static_cast<std::size_t>(id)] = true;
    while (pointer.size() > 1 && pointer[0] == '/') {
        std::size_t end = std::min(pointer.find('/', 1), pointer.size());
        std::string token;
        for (std::size_t i = 1; i < end; ++i) {
            bool escape = pointer[i] == '~' && i + 1 < end;
            token += escape ? (pointer[i + 1] == '1' ? '/' : '~') : pointer[i];
            i += escape ? 1 : 0;
        }
        pointer.remove_prefix(end);
        const YamlNode& node = tree[id];
        NodeId next = k_no_node;
        if (node.kind == NodeKind::Map) {
            for (std::size_t i = 0; i < tree.entry_count(id) && next == k_no_node; ++i)
                if (names(tree[tree.key_at(id, i)], token)) next = tree.value_at(id, i);
        } else if (node.kind == NodeKind::Sequence) {
            std::size_t index = 0;
            auto [end_of_number, error] = std::from_chars(token.data(), token.data() + token.size(), index);
            if (error == std::errc() && end_of_number == token.data() + token.size() && index < node.children.size())
                next = node.children[index];
        }
        if (next == k_no_node) return pointer.empty();  // only the last token may be new
        id = next;
        built[static_cast<std::size_t>(id)] = true;
    }
    return pointer.empty();
}

std::optional<nlohmann::json> partial_meaning(const YamlTree& tree, const std::vector<std::string_view>& pointers) {
    if (tree.root == k_no_node || tree.has_anchors) return std::nullopt;
    std::vector<bool> built(tree.nodes.size(), false);
    for (auto pointer : pointers)
        if (!mark_path(tree, pointer, built)) return std::nullopt;
    return MeaningBuilder(tree, tree.nodes.size(), &built).build(tree.root);
}

std::optional<NodeId> placeholder_node(const nlohmann::json& meaning) {
    if (!meaning.is_number_unsigned()) return std::nullopt;
    return static_cast<NodeId>(meaning.get<std::uint64_t>());
}

// go-yaml's integer forms: 0x, 0o, 0b and leading-zero octal, with underscores.
static std::optional<nlohmann::json> integer_value(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
    bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.erase(0, 1);
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && std::strchr("xX", text[1]))
        base = 16, text.erase(0, 2);
    else if (text.size() > 2 && text[0] == '0' && std::strchr("oO", text[1]))
        base = 8, text.erase(0, 2);
    else if (text.size() > 2 && text[0] == '0' && std::strchr("bB", text[1]))
        base = 2, text.erase(0, 2);
    else if (text.size() > 1 && text[0] == '0')
        base = 8;
    errno = 0;
    char* end = nullptr;
    unsigned long long magnitude = std::strtoull(text.c_str(), &end, base);
    if (errno == ERANGE || end == nullptr || *end != '\0') return std::nullopt;
    if (!negative) return nlohmann::json(static_cast<std::uint64_t>(magnitude));
    if (magnitude > static_cast<unsigned long long>(INT64_MAX) + 1) return std::nullopt;
    return nlohmann::json(static_cast<std::int64_t>(0 - magnitude));
}

core::Result<nlohmann::json> output_json(const nlohmann::json& meaning) {
    if (meaning.is_object() && meaning.size() == 1 && meaning.contains(k_number_key)) {
        std::string text = meaning[k_number_key].get<std::string>();
        if (resolve_plain(text).type == ScalarType::Int) {
            if (auto value = integer_value(text)) return *value;
        }
        std::string cleaned = text;
        cleaned.erase(std::remove(cleaned.begin(), cleaned.end(), '_'), cleaned.end());
        char* end = nullptr;
        double d = std::strtod(cleaned.c_str(), &end);
        if (end == nullptr || *end != '\0' || !std::isfinite(d))
            return core::fail(core::ErrorCode::Input, fmt::format("the number {} cannot be written as JSON", text));
        return nlohmann::json(d);
    }
    if (meaning.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (auto it = meaning.begin(); it != meaning.end(); ++it) {
            auto v = output_json(it.value());
            if (!v) return v;
            out[it.key()] = std::move(*v);
        }
        return out;
    }
    if (meaning.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& item : meaning) {
            auto v = output_json(item);
            if (!v) return v;
            out.push_back(std::move(*v));
        }
        return out;
    }
    return meaning;
}

nlohmann::json new_value_json(const NewValue& value) {
    switch (value.kind) {
    case NewValue::Kind::String: return value.text;
    case NewValue::Kind::Bool: return value.text == "true";
    case NewValue::Kind::Raw: return nlohmann::json::parse(value.text, nullptr, false);
    case NewValue::Kind::Map: {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [k, v] : value.entries) out[k] = new_value_json(v);
        return out;
    }
    case NewValue::Kind::List: {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& v : value.items) out.push_back(new_value_json(v));
        return out;
    }
    }
    return nullptr;
}

}  // namespace mesh::manifest

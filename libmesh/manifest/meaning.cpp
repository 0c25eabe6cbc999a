#include "libmesh/manifest/meaning.hpp"

#include <algorithm>
#include <cerrno>
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
    MeaningBuilder(const YamlTree& tree, std::size_t max_nodes) : m_tree(tree), m_budget(max_nodes) {}

    nlohmann::json build(NodeId id) {
        if (m_budget == 0) throw AliasBudgetExceeded{};
        --m_budget;
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
                nlohmann::json key = build(m_tree.key_at(id, i));
                out[key.is_string() ? key.get<std::string>() : key.dump()] = build(m_tree.value_at(id, i));
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

#include "libmesh/manifest/output_format.hpp"

namespace mesh::manifest {

NewValue json_to_new_value(const nlohmann::json& value) {
    if (value.is_object()) {
        std::vector<NewValueEntry> entries;
        for (auto it = value.begin(); it != value.end(); ++it)
            entries.push_back({it.key(), json_to_new_value(it.value())});
        return NewValue::map(std::move(entries));
    }
    if (value.is_array()) {
        std::vector<NewValue> items;
        for (const auto& item : value) items.push_back(json_to_new_value(item));
        return NewValue::list(std::move(items));
    }
    if (value.is_string()) return NewValue::string(value.get<std::string>());
    if (value.is_boolean()) return NewValue::boolean(value.get<bool>());
    return NewValue::raw(value.dump());
}

std::string json_to_block_yaml(const nlohmann::json& value) {
    NewValue root = json_to_new_value(value);
    BlockStyle style;
    if (root.kind == NewValue::Kind::Map) return render_block_entries(root.entries, 0, style);
    if (root.kind == NewValue::Kind::List) return render_block_items(root.items, 0, style);
    return render_flow(root) + "\n";
}

}  // namespace mesh::manifest

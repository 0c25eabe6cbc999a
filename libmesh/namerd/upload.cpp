#include "libmesh/namerd/upload.hpp"

#include <nlohmann/json.hpp>

#include "libmesh/dtab/parser.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::namerd {

// namerctl's JSON form {"version":..,"dtab":[..]} or namerd's bare array.
static core::Result<UploadedDtab> parse_json_upload(const std::string& text, const std::string& name) {
    UploadedDtab out;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        return core::fail(core::ErrorCode::Input, std::string("not valid JSON: ") + e.what(), {name, 0, 0});
    }
    nlohmann::json entries = j;
    if (j.is_object()) {
        if (j.contains("version") && j["version"].is_string()) out.version = j["version"].get<std::string>();
        entries = j.value("dtab", nlohmann::json::array());
    }
    auto d = dtab_from_json(entries.dump());
    if (!d) {
        core::Error e = d.error();
        e.location.file = name;
        return tl::unexpected(e);
    }
    out.dtab = std::move(*d);
    return out;
}

core::Result<UploadedDtab> parse_upload(const std::string& text, const std::string& name, std::size_t max_input_bytes) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) return parse_json_upload(text, name);
    dtab::ParseOptions options;
    options.file = name;
    options.max_input_bytes = max_input_bytes;
    auto parsed = dtab::parse_dtab_with_comments(text, options);
    if (!parsed) return tl::unexpected(parsed.error());
    UploadedDtab out;
    out.dtab = std::move(parsed->dtab);
    for (const auto& c : parsed->comments) {
        const std::string k_mark = "# version ";
        if (c.text.rfind(k_mark, 0) == 0) {
            std::string v = c.text.substr(k_mark.size());
            while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
            if (!v.empty()) {
                out.version = v;
                break;
            }
        }
    }
    return out;
}

}  // namespace mesh::namerd

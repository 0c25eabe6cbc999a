#include "libmesh/inject/marker.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "libmesh/core/result.hpp"

namespace mesh::inject {

bool Marker::created_key(const std::string& key) const {
    return std::find(created.begin(), created.end(), key) != created.end();
}

std::string Marker::to_json() const {
    nlohmann::ordered_json j;
    j["mode"] = mode;
    j["port"] = port;
    if (!containers.empty()) {
        nlohmann::ordered_json cs = nlohmann::ordered_json::object();
        for (const auto& c : containers) {
            nlohmann::ordered_json record;
            record["env"] = c.env;
            if (c.created_env) record["createdEnv"] = true;
            if (!c.overwritten.empty()) {
                nlohmann::ordered_json o = nlohmann::ordered_json::object();
                for (const auto& [name, original] : c.overwritten) o[name] = original;
                record["overwritten"] = o;
            }
            cs[c.container] = record;
        }
        j["containers"] = cs;
    }
    if (!init_container.empty()) j["initContainer"] = init_container;
    if (!created.empty()) j["created"] = created;
    return j.dump();
}

core::Result<Marker> Marker::parse(const std::string& json) {
    try {
        auto j = nlohmann::json::parse(json);
        Marker m;
        m.mode = j.at("mode").get<std::string>();
        m.port = j.value("port", 0);
        if (j.contains("containers")) {
            // nlohmann::json sorts keys; the order of containers does not matter for removal.
            for (auto& [name, record] : j["containers"].items()) {
                ContainerRecord c;
                c.container = name;
                c.env = record.value("env", std::vector<std::string>{});
                c.created_env = record.value("createdEnv", false);
                if (record.contains("overwritten"))
                    for (auto& [var, original] : record["overwritten"].items())
                        c.overwritten.emplace_back(var, original.get<std::string>());
                m.containers.push_back(std::move(c));
            }
        }
        m.init_container = j.value("initContainer", "");
        m.created = j.value("created", std::vector<std::string>{});
        return m;
    } catch (const nlohmann::json::exception& e) {
        return core::input_error(std::string("the mesh.l5d.io/injected annotation is not a record mesh wrote: ") +
                                 e.what());
    }
}

}  // namespace mesh::inject

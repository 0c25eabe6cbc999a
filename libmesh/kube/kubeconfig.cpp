// yaml-cpp is only used to read here (YAML::Load with its depth guard); kubeconfigs are never
// written back.

#include "libmesh/kube/kubeconfig.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "libmesh/core/base64.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::kube {

namespace {

std::string dir_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash == 0 ? 1 : slash);
}

std::string resolve(const std::string& file, const std::string& base_dir) {
    if (file.empty() || file.front() == '/') return file;
    if (file.rfind("~/", 0) == 0) return file;  // kubectl expands ~ itself only for some fields
    return base_dir + "/" + file;
}

std::string scalar(const YAML::Node& node, const char* key) {
    const YAML::Node v = node[key];
    return v && v.IsScalar() ? v.Scalar() : std::string();
}

bool boolean(const YAML::Node& node, const char* key) {
    const YAML::Node v = node[key];
    if (!v || !v.IsScalar()) return false;
    const std::string& s = v.Scalar();
    return s == "true" || s == "True" || s == "TRUE";
}

core::Error located(const std::string& path, const YAML::Mark& mark, const std::string& message) {
    core::Error e;
    e.code = core::ErrorCode::Input;
    e.message = message;
    e.location = {path, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0};
    return e;
}

core::Result<std::string> pem_data(const YAML::Node& node, const char* key, const std::string& path) {
    std::string b64 = scalar(node, key);
    if (b64.empty()) return std::string();
    auto decoded = core::base64_decode(b64, core::Base64Decode::Lenient);
    if (!decoded) return tl::unexpected(located(path, node[key].Mark(), fmt::format("{}: not valid base64", key)));
    return *decoded;
}

// Walks a named list (`clusters`, `users`, `contexts`): [{name: N, <field>: {...}}].
template <typename F>
core::Result<void> each_named(const YAML::Node& root, const char* list, const char* field, const std::string& path,
                              F&& f) {
    const YAML::Node items = root[list];
    if (!items || items.IsNull()) return {};
    if (!items.IsSequence()) return tl::unexpected(located(path, items.Mark(), fmt::format("{} must be a list", list)));
    for (const auto& item : items) {
        if (!item.IsMap())
            return tl::unexpected(located(path, item.Mark(), fmt::format("{} entries must be mappings", list)));
        std::string name = scalar(item, "name");
        if (name.empty())
            return tl::unexpected(located(path, item.Mark(), fmt::format("{} entry without a name", list)));
        YAML::Node body = item[field];
        if (body && !body.IsMap() && !body.IsNull())
            return tl::unexpected(located(path, body.Mark(), fmt::format("{}.{} must be a mapping", list, field)));
        auto r = f(name, body ? body : YAML::Node(YAML::NodeType::Map));
        if (!r) return r;
    }
    return {};
}

core::Result<Kubeconfig> parse_tree(const YAML::Node& root, const std::string& path) {
    Kubeconfig kc;
    if (!root || root.IsNull()) return kc;  // an empty file is an empty config
    if (!root.IsMap()) return tl::unexpected(located(path, root.Mark(), "a kubeconfig must be a mapping"));
    std::string base = dir_of(path);
    kc.current_context = scalar(root, "current-context");
    auto clusters = each_named(root, "clusters", "cluster", path,
                               [&](const std::string& name, const YAML::Node& c) -> core::Result<void> {
                                   if (kc.clusters.count(name)) return {};
                                   ClusterEntry e;
                                   e.server = scalar(c, "server");
                                   e.ca_file = resolve(scalar(c, "certificate-authority"), base);
                                   MESH_TRY_ASSIGN(auto ca, pem_data(c, "certificate-authority-data", path));
                                   e.ca_data = std::move(ca);
                                   e.insecure_skip_tls_verify = boolean(c, "insecure-skip-tls-verify");
                                   e.tls_server_name = scalar(c, "tls-server-name");
                                   e.proxy_url = scalar(c, "proxy-url");
                                   kc.clusters.emplace(name, std::move(e));
                                   return {};
                               });
    if (!clusters) return tl::unexpected(clusters.error());
    auto users = each_named(root, "users", "user", path,
                            [&](const std::string& name, const YAML::Node& u) -> core::Result<void> {
                                if (kc.users.count(name)) return {};
                                UserEntry e;
                                e.token = scalar(u, "token");
                                e.token_file = resolve(scalar(u, "tokenFile"), base);
                                e.cert_file = resolve(scalar(u, "client-certificate"), base);
                                e.key_file = resolve(scalar(u, "client-key"), base);
                                MESH_TRY_ASSIGN(auto cert, pem_data(u, "client-certificate-data", path));
                                e.cert_data = std::move(cert);
                                MESH_TRY_ASSIGN(auto key, pem_data(u, "client-key-data", path));
                                e.key_data = std::move(key);
                                e.username = scalar(u, "username");
                                e.password = scalar(u, "password");
                                if (const YAML::Node exec = u["exec"]; exec && exec.IsMap()) {
                                    ExecConfig x;
                                    x.api_version = scalar(exec, "apiVersion");
                                    x.command = scalar(exec, "command");
                                    if (x.command.empty())
                                        return tl::unexpected(located(path, exec.Mark(), "exec: command is required"));
                                    if (x.command.find('/') != std::string::npos) x.command = resolve(x.command, base);
                                    if (const YAML::Node args = exec["args"]; args && args.IsSequence())
                                        for (const auto& a : args)
                                            if (a.IsScalar()) x.args.push_back(a.Scalar());
                                    if (const YAML::Node env = exec["env"]; env && env.IsSequence())
                                        for (const auto& v : env)
                                            if (v.IsMap()) x.env.emplace_back(scalar(v, "name"), scalar(v, "value"));
                                    x.install_hint = scalar(exec, "installHint");
                                    x.provide_cluster_info = boolean(exec, "provideClusterInfo");
                                    x.interactive_mode = scalar(exec, "interactiveMode");
                                    e.exec = std::move(x);
                                }
                                if (const YAML::Node ap = u["auth-provider"]; ap && ap.IsMap()) {
                                    AuthProviderConfig a;
                                    a.name = scalar(ap, "name");
                                    if (const YAML::Node cfg = ap["config"]; cfg && cfg.IsMap())
                                        for (const auto& kv : cfg)
                                            if (kv.first.IsScalar() && kv.second.IsScalar())
                                                a.config[kv.first.Scalar()] = kv.second.Scalar();
                                    e.auth_provider = std::move(a);
                                }
                                kc.users.emplace(name, std::move(e));
                                return {};
                            });
    if (!users) return tl::unexpected(users.error());
    auto contexts = each_named(
        root, "contexts", "context", path, [&](const std::string& name, const YAML::Node& c) -> core::Result<void> {
            if (kc.contexts.count(name)) return {};
            kc.contexts.emplace(name, ContextEntry{scalar(c, "cluster"), scalar(c, "user"), scalar(c, "namespace")});
            return {};
        });
    if (!contexts) return tl::unexpected(contexts.error());
    return kc;
}

}  // namespace

core::Result<Kubeconfig> parse_kubeconfig(std::string_view yaml, const std::string& path) {
    if (yaml.size() > k_max_kubeconfig_bytes) return core::limit_error(fmt::format("{}: larger than 16 MiB", path));
    try {
        YAML::Node root = YAML::Load(std::string(yaml));
        return parse_tree(root, path);
    } catch (const YAML::Exception& e) {
        core::Error err = located(path, e.mark, e.msg);
        return tl::unexpected(err);
    } catch (const std::exception& e) {
        return core::input_error(fmt::format("{}: {}", path, e.what()));
    }
}

Kubeconfig merge_kubeconfigs(const std::vector<Kubeconfig>& configs) {
    Kubeconfig out;
    for (const auto& c : configs) {
        if (out.current_context.empty()) out.current_context = c.current_context;
        out.clusters.insert(c.clusters.begin(), c.clusters.end());  // insert keeps existing keys
        out.users.insert(c.users.begin(), c.users.end());
        out.contexts.insert(c.contexts.begin(), c.contexts.end());
    }
    return out;
}

std::vector<std::string> kubeconfig_paths(const std::optional<std::string>& explicit_path,
                                          const std::optional<std::string>& kubeconfig_env,
                                          const std::optional<std::string>& home) {
    if (explicit_path && !explicit_path->empty()) return {*explicit_path};
    if (kubeconfig_env && !kubeconfig_env->empty()) {
        std::vector<std::string> paths;
        std::size_t start = 0;
        while (start <= kubeconfig_env->size()) {
            std::size_t end = std::min(kubeconfig_env->find(':', start), kubeconfig_env->size());
            std::string path = kubeconfig_env->substr(start, end - start);
            if (!path.empty() && std::find(paths.begin(), paths.end(), path) == paths.end())
                paths.push_back(std::move(path));
            start = end + 1;
        }
        return paths;  // set but naming no file: kubectl does not fall back to the home file
    }
    std::string home_dir = home.value_or("");
    return {home_dir.empty() ? std::string(".kube/config") : home_dir + "/.kube/config"};
}

}  // namespace mesh::kube

// Flag values are checked here, before anything is built: output only when everything is valid.

#include <fmt/format.h>

#include "libmesh/install/objects.hpp"

namespace mesh::install {

namespace {

bool dns_label(const std::string& s) {
    if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

// Image references: registry/path:tag characters only, so nothing can break out of a YAML value
// or name another field.
bool image_chars(const std::string& s) {
    if (s.empty() || s.size() > 255) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == ':' || c == '-' || c == '_' ||
              c == '@'))
            return false;
    return s.front() != '-' && s.front() != '/';
}

core::Result<void> usage(std::string message) { return core::fail(core::ErrorCode::Usage, std::move(message)); }

}  // namespace

bool is_dns_subdomain(const std::string& s) {
    if (s.empty() || s.size() > 253) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
    return std::isalnum(static_cast<unsigned char>(s.front())) && std::isalnum(static_cast<unsigned char>(s.back()));
}

bool is_host_port(const std::string& text) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size() || colon + 6 < text.size()) return false;
    std::string host = text.substr(0, colon), port = text.substr(colon + 1);
    for (char c : port)
        if (c < '0' || c > '9') return false;
    int number = std::stoi(port);
    if (number < 1 || number > 65535 || host.size() > 253) return false;
    for (char c : host)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
            return false;
    return host.front() != '-' && host.front() != '.';
}

core::Result<void> validate(const CommonOptions& o) {
    if (!dns_label(o.namespace_)) return usage(fmt::format("--namespace '{}' is not a DNS-1123 label", o.namespace_));
    if (!image_chars(o.linkerd_version) || o.linkerd_version.find_first_of("/:@") != std::string::npos)
        return usage(fmt::format("--linkerd-version '{}' is not an image tag", o.linkerd_version));
    if (!image_chars(o.registry) || o.registry.back() == '/' || o.registry.find('@') != std::string::npos)
        return usage(
            fmt::format("--registry '{}' is not a registry path (e.g. registry.example:5000/buoyantio)", o.registry));
    if (!image_chars(o.kubectl_image) || o.kubectl_image.back() == ':' || o.kubectl_image.back() == '/')
        return usage(fmt::format("--kubectl-image '{}' is not an image reference", o.kubectl_image));
    if (o.service_type != "ClusterIP" && o.service_type != "NodePort" && o.service_type != "LoadBalancer")
        return usage(fmt::format("--service-type '{}' must be ClusterIP, NodePort or LoadBalancer", o.service_type));
    return {};
}

}  // namespace mesh::install

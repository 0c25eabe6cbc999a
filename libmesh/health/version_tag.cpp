#include "libmesh/health/version_tag.hpp"

#include <cctype>

namespace mesh::health {

bool is_version_tag(const std::optional<std::string>& tag) {
    if (!tag || tag->empty()) return false;
    std::size_t start = (*tag)[0] == 'v' ? 1 : 0;
    return start < tag->size() && std::isdigit(static_cast<unsigned char>((*tag)[start])) &&
           tag->find('.') != std::string::npos;
}

}  // namespace mesh::health

#include "libmesh/manifest/text_edit.hpp"

#include <algorithm>
#include <stdexcept>

namespace mesh::manifest {

std::string apply_edits(std::string_view text, std::vector<TextEdit> edits) {
    std::stable_sort(edits.begin(), edits.end(),
                     [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
    std::string out;
    std::size_t grow = 0;
    for (const auto& e : edits) grow += e.insert.size();
    out.reserve(text.size() + grow);
    std::size_t copied = 0;
    for (const auto& e : edits) {
        if (e.offset < copied || e.offset + e.remove > text.size())
            throw std::logic_error("overlapping or out-of-range text edits");
        out.append(text.substr(copied, e.offset - copied));
        out.append(e.insert);
        copied = e.offset + e.remove;
    }
    out.append(text.substr(copied));
    return out;
}

}  // namespace mesh::manifest

// Fuzzes reading context names from a kubeconfig (what `mesh __complete contexts` does with the
// user's files): any bytes must give a list or nothing, never a crash or a hang.

#include <cstddef>
#include <cstdint>
#include <string>

#include "libmesh/kube/contexts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto names = mesh::kube::kubeconfig_context_names(text);
    for (const auto& name : names)
        if (name.empty()) __builtin_trap();  // empty names are filtered out
    return 0;
}

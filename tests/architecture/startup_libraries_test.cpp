// What the executable loads at every start. libcurl is loaded when a command first fetches
// (libmesh/net/lazy_curl.cpp): linked, it and the 25 libraries it needs were a third of a small
// inject's instructions. These tests read the executable's DT_NEEDED entries, so a
// target_link_libraries(... CURL::libcurl) that brings a library back fails here.

#include <elf.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/build_paths.hpp"
#include "tests/support/test_files.hpp"

namespace {

// The DT_NEEDED names of a 64-bit ELF file.
std::vector<std::string> needed_libraries(const std::string& path) {
    std::string bytes = mesh::testing::read_test_file(path);
    std::vector<std::string> names;
    if (bytes.size() < sizeof(Elf64_Ehdr) || bytes.compare(0, 4, ELFMAG) != 0 || bytes[EI_CLASS] != ELFCLASS64)
        return names;
    Elf64_Ehdr header;
    bytes.copy(reinterpret_cast<char*>(&header), sizeof header);
    for (int i = 0; i < header.e_shnum; ++i) {
        Elf64_Shdr section;
        bytes.copy(reinterpret_cast<char*>(&section), sizeof section, header.e_shoff + i * header.e_shentsize);
        if (section.sh_type != SHT_DYNAMIC) continue;
        Elf64_Shdr strings;
        bytes.copy(reinterpret_cast<char*>(&strings), sizeof strings,
                   header.e_shoff + section.sh_link * header.e_shentsize);
        for (std::size_t at = section.sh_offset; at + sizeof(Elf64_Dyn) <= section.sh_offset + section.sh_size;
             at += sizeof(Elf64_Dyn)) {
            Elf64_Dyn entry;
            bytes.copy(reinterpret_cast<char*>(&entry), sizeof entry, at);
            if (entry.d_tag == DT_NEEDED) names.emplace_back(bytes.c_str() + strings.sh_offset + entry.d_un.d_val);
        }
    }
    return names;
}

// Whether a DT_NEEDED entry names the library `stem` (libcurl, libstdc++, ...).
bool names_library(const std::vector<std::string>& needed, const std::string& stem) {
    for (const auto& name : needed)
        if (name.rfind(stem + ".so", 0) == 0 || name.rfind(stem + "-", 0) == 0) return true;
    return false;
}

}  // namespace

TEST(StartupLibraries, MeshDoesNotLinkLibcurl) {
    auto needed = needed_libraries(mesh::testing::mesh_binary());
    ASSERT_TRUE(names_library(needed, "libc")) << "the reader missed libc, which every build links";
    EXPECT_FALSE(names_library(needed, "libcurl"));
}

// The default build carries libstdc++ and fmt (main/fmt_compiled.cpp): loading libstdc++.so and
// resolving its symbols was most of the instructions of `mesh version`. A shared C++ library linked
// into the executable brings libstdc++.so back, and fails here.
TEST(StartupLibraries, DefaultBuildLoadsNeitherLibstdcxxNorLibfmt) {
    if (!MESH_STATIC_RUNTIME) GTEST_SKIP() << "built without MESH_STATIC_DEPS, or with a sanitizer";
    auto needed = needed_libraries(mesh::testing::mesh_binary());
    ASSERT_TRUE(names_library(needed, "libc"));
    EXPECT_FALSE(names_library(needed, "libstdc++"));
    EXPECT_FALSE(names_library(needed, "libfmt"));
    EXPECT_FALSE(names_library(needed, "libgcc_s"));
}

// libcurl is loaded when a command first fetches (libmesh/net/lazy_curl.cpp), not at every start:
// linked, it and the 25 libraries it needs were a third of a small inject's instructions. This
// reads the executable's DT_NEEDED entries, so a target_link_libraries(... CURL::libcurl) that
// brings it back fails here.

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

}  // namespace

TEST(StartupLibraries, MeshDoesNotLinkLibcurl) {
    auto needed = needed_libraries(mesh::testing::mesh_binary());
    ASSERT_FALSE(needed.empty()) << "no DT_NEEDED entries read from " << mesh::testing::mesh_binary();
    bool libstdcxx = false;
    for (const auto& name : needed) {
        EXPECT_EQ(name.find("libcurl"), std::string::npos) << name;
        libstdcxx = libstdcxx || name.rfind("libstdc++", 0) == 0;
    }
    EXPECT_TRUE(libstdcxx) << "the reader missed libstdc++, which mesh does link";
}

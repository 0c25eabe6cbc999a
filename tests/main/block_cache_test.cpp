// The block cache behind the executable's operator new and its libyaml's malloc, realloc, free
// and strdup (main/block_cache.cpp): what those callers rely on holds for blocks kept and handed
// out again. Under the ASan build these calls are checked like any others (the blocks underneath
// come from malloc).

#include "main/block_cache.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/build_paths.hpp"
#include "tests/support/test_files.hpp"

namespace {

bool is_aligned_16(const void* block) { return reinterpret_cast<std::uintptr_t>(block) % 16 == 0; }

// Fills `size` bytes with a pattern that depends on `seed`, and checks it back.
void fill_pattern(void* block, std::size_t size, unsigned seed) {
    auto* bytes = static_cast<unsigned char*>(block);
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<unsigned char>(seed + i * 7);
}
bool holds_pattern(const void* block, std::size_t size, unsigned seed) {
    const auto* bytes = static_cast<const unsigned char*>(block);
    for (std::size_t i = 0; i < size; ++i)
        if (bytes[i] != static_cast<unsigned char>(seed + i * 7)) return false;
    return true;
}

TEST(BlockCache, BlocksOfEverySizeAreAlignedWritableAndSeparate) {
    std::vector<std::pair<void*, std::size_t>> blocks;
    for (std::size_t size : {0, 1, 15, 16, 17, 33, 64, 100, 255, 256, 257, 4096, 16384, 49152, 70000}) {
        void* block = mesh_block_alloc(size);
        ASSERT_NE(block, nullptr) << size;
        EXPECT_TRUE(is_aligned_16(block)) << size;
        fill_pattern(block, size, static_cast<unsigned>(blocks.size()));
        blocks.emplace_back(block, size);
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        EXPECT_TRUE(holds_pattern(blocks[i].first, blocks[i].second, static_cast<unsigned>(i))) << blocks[i].second;
        mesh_block_free(blocks[i].first);
    }
    mesh_block_free(nullptr);
}

TEST(BlockCache, AFreedBlockIsHandedOutAgainForItsSizeClass) {
    void* first = mesh_block_alloc(20);
    mesh_block_free(first);
    void* second = mesh_block_alloc(30);  // rounded up to the same 32 bytes
    EXPECT_EQ(second, first);
    mesh_block_free(second);
    void* buffer = mesh_block_alloc(16384);  // a parser's raw input buffer, kept by exact size
    mesh_block_free(buffer);
    void* again = mesh_block_alloc(16384);
    EXPECT_EQ(again, buffer);
    mesh_block_free(again);
}

TEST(BlockCache, ReallocKeepsTheContentsAcrossSizeClassesAndIntoLargeBlocks) {
    // yaml_string_extend's pattern: double the size, keep what was written.
    auto* text = static_cast<char*>(mesh_block_alloc(16));
    fill_pattern(text, 16, 3);
    for (std::size_t size = 32; size <= 1 << 20; size *= 2) {
        text = static_cast<char*>(mesh_block_realloc(text, size));
        ASSERT_NE(text, nullptr);
        ASSERT_TRUE(holds_pattern(text, 16, 3)) << size;
        std::memset(text + size / 2, 'x', size / 2);
    }
    void* same = mesh_block_alloc(100);
    EXPECT_EQ(mesh_block_realloc(same, 128), same);  // still fits its 128-byte class
    mesh_block_free(same);
    mesh_block_free(text);
    void* fresh = mesh_block_realloc(nullptr, 40);  // realloc(NULL, n) allocates
    ASSERT_NE(fresh, nullptr);
    mesh_block_free(fresh);
}

TEST(BlockCache, StrdupCopiesUpToTheTerminator) {
    char* copy = mesh_block_strdup("tag:yaml.org,2002:str");
    ASSERT_NE(copy, nullptr);
    EXPECT_STREQ(copy, "tag:yaml.org,2002:str");
    mesh_block_free(copy);
    char* empty = mesh_block_strdup("");
    EXPECT_STREQ(empty, "");
    mesh_block_free(empty);
}

TEST(BlockCache, ManyBlocksBeyondWhatIsKeptAndBlocksFreedOnOtherThreads) {
    std::vector<void*> blocks;
    for (unsigned i = 0; i < 5000; ++i) {
        std::size_t size = 1 + i % 300;
        blocks.push_back(mesh_block_alloc(size));
        fill_pattern(blocks.back(), size, i);
    }
    // Half freed by another thread (kept on that thread's lists until it ends), half here.
    std::thread other([&] {
        for (std::size_t i = 0; i < blocks.size(); i += 2) {
            EXPECT_TRUE(holds_pattern(blocks[i], 1 + i % 300, static_cast<unsigned>(i)));
            mesh_block_free(blocks[i]);
        }
    });
    other.join();
    for (std::size_t i = 1; i < blocks.size(); i += 2) {
        EXPECT_TRUE(holds_pattern(blocks[i], 1 + i % 300, static_cast<unsigned>(i)));
        mesh_block_free(blocks[i]);
    }
}

// The default build's executable links it: a build change that drops it would leave libyaml and
// operator new on malloc again, with every output still right and inject slower.
TEST(BlockCache, TheDefaultBuildsExecutableCallsIt) {
    if (!MESH_STATIC_RUNTIME) GTEST_SKIP() << "built without MESH_STATIC_DEPS, or with a sanitizer";
    std::string executable = mesh::testing::read_test_file(mesh::testing::mesh_binary());
    EXPECT_NE(executable.find("mesh_block_alloc"), std::string::npos);
    EXPECT_NE(executable.find("yaml_parser_initialize"), std::string::npos);
}

}  // namespace

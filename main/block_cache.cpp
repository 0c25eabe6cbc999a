#include "main/block_cache.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>

namespace {

// What precedes every block: 16 bytes, so blocks keep malloc's 16-byte alignment.
struct Header {
    std::uint32_t size_class;  ///< k_small_sizes' index, or k_large
    std::size_t size;          ///< large blocks: the size asked for
};
constexpr std::size_t k_header = 16;
static_assert(sizeof(Header) <= k_header);

// Small blocks are rounded up to these sizes, one free list each.
constexpr std::size_t k_small_sizes[] = {16, 32, 64, 128, 256};
constexpr std::size_t k_small_classes = std::size(k_small_sizes);
constexpr std::uint32_t k_large = 0xFFFFFFFF;
// Enough for libyaml's few strings a scalar and most of a document's nodes, freed together as the
// next document is built (64 were 3-5 % slower on the bench input), little enough that a thread
// keeps at most 288 KiB of small blocks.
constexpr std::size_t k_small_kept = 512;
// A libyaml parser's buffers (16 KiB raw input, 48 KiB decoded) are the same sizes every time: a
// few large blocks are kept by exact size.
constexpr std::size_t k_large_kept = 4;
constexpr std::size_t k_largest_kept = 64 * 1024;

struct FreeBlock {
    FreeBlock* next;
};

struct ThreadCache {
    FreeBlock* small[k_small_classes] = {};
    std::size_t small_count[k_small_classes] = {};
    void* large[k_large_kept] = {};  // whole blocks, header included
    std::size_t large_size[k_large_kept] = {};

    ThreadCache() = default;
    ThreadCache(const ThreadCache&) = delete;
    ThreadCache& operator=(const ThreadCache&) = delete;
    ~ThreadCache();
};

thread_local ThreadCache t_cache;
// Set once the thread's cache is destroyed: static objects destroyed after it at exit still free
// blocks, which then go straight back to malloc.
thread_local bool t_cache_gone = false;

ThreadCache::~ThreadCache() {
    t_cache_gone = true;
    for (FreeBlock*& list : small)
        while (FreeBlock* block = list) {
            list = block->next;
            std::free(block);
        }
    for (void* block : large) std::free(block);
}

void* hand_out(void* whole, std::uint32_t size_class, std::size_t size) {
    auto* header = static_cast<Header*>(whole);
    header->size_class = size_class;
    header->size = size;
    return static_cast<char*>(whole) + k_header;
}

Header* header_of(void* block) { return reinterpret_cast<Header*>(static_cast<char*>(block) - k_header); }

std::uint32_t small_class(std::size_t size) {
    std::uint32_t c = 0;
    while (k_small_sizes[c] < size) ++c;
    return c;
}

void* allocate_large(std::size_t size) {
    if (!t_cache_gone) {
        ThreadCache& cache = t_cache;
        for (std::size_t i = 0; i < k_large_kept; ++i) {
            if (cache.large[i] && cache.large_size[i] == size) {
                void* whole = cache.large[i];
                cache.large[i] = nullptr;
                return hand_out(whole, k_large, size);
            }
        }
    }
    if (size > SIZE_MAX - k_header) return nullptr;
    void* whole = std::malloc(k_header + size);
    return whole ? hand_out(whole, k_large, size) : nullptr;
}

// Keeps a large block (header included) for reuse; false when there is no room.
bool keep_large(Header* header) {
    if (header->size > k_largest_kept) return false;
    ThreadCache& cache = t_cache;
    for (std::size_t i = 0; i < k_large_kept; ++i) {
        if (!cache.large[i]) {
            cache.large[i] = header;
            cache.large_size[i] = header->size;
            return true;
        }
    }
    return false;
}

}  // namespace

extern "C" {

void* mesh_block_alloc(std::size_t size) {
    if (size == 0) size = 1;
    if (size > k_small_sizes[k_small_classes - 1] || t_cache_gone) return allocate_large(size);
    std::uint32_t c = small_class(size);
    ThreadCache& cache = t_cache;
    if (FreeBlock* block = cache.small[c]) {
        cache.small[c] = block->next;
        --cache.small_count[c];
        return hand_out(block, c, 0);
    }
    void* whole = std::malloc(k_header + k_small_sizes[c]);
    return whole ? hand_out(whole, c, 0) : nullptr;
}

void mesh_block_free(void* block) {
    if (!block) return;
    Header* header = header_of(block);
    if (t_cache_gone) {
        std::free(header);
        return;
    }
    if (header->size_class == k_large) {
        if (!keep_large(header)) std::free(header);
        return;
    }
    ThreadCache& cache = t_cache;
    std::uint32_t c = header->size_class;
    if (cache.small_count[c] >= k_small_kept) {
        std::free(header);
        return;
    }
    auto* free_block = reinterpret_cast<FreeBlock*>(header);
    free_block->next = cache.small[c];
    cache.small[c] = free_block;
    ++cache.small_count[c];
}

void* mesh_block_realloc(void* block, std::size_t size) {
    if (!block) return mesh_block_alloc(size);
    if (size == 0) size = 1;
    Header* header = header_of(block);
    if (header->size_class == k_large) {
        if (size > SIZE_MAX - k_header) return nullptr;
        void* whole = std::realloc(header, k_header + size);
        return whole ? hand_out(whole, k_large, size) : nullptr;
    }
    std::size_t capacity = k_small_sizes[header->size_class];
    if (size <= capacity) return block;
    void* moved = mesh_block_alloc(size);
    if (!moved) return nullptr;  // the old block stays valid, as realloc's does
    std::memcpy(moved, block, capacity);
    mesh_block_free(block);
    return moved;
}

char* mesh_block_strdup(const char* text) {
    std::size_t size = std::strlen(text) + 1;
    auto* copy = static_cast<char*>(mesh_block_alloc(size));
    if (copy) std::memcpy(copy, text, size);
    return copy;
}

}  // extern "C"

// The mesh executable's operator new and delete: mesh's per-thread block cache
// (main/block_cache.hpp) in front of malloc. Linked where the executable carries its own
// libstdc++ (MESH_STATIC_RUNTIME); sanitizer builds keep their runtimes' checked ones. The array,
// nothrow and sized forms libstdc++ defines all come here; over-aligned ones keep libstdc++'s.

#include <new>

#include "main/block_cache.hpp"

void* operator new(std::size_t size) {
    if (void* block = mesh_block_alloc(size)) return block;
    throw std::bad_alloc();
}

void operator delete(void* block) noexcept { mesh_block_free(block); }

void operator delete(void* block, std::size_t) noexcept { mesh_block_free(block); }

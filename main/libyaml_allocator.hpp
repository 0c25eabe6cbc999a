#pragma once
// The allocator the mesh executable's libyaml calls instead of malloc, realloc, free and strdup
// (the root CMakeLists.txt renames those four in a copy of Debian's libyaml.a with objcopy).
//
// libyaml asks for four small strings for every plain scalar it scans and frees three of them at
// once, and for 64 KiB of buffers for every parser: mesh reads each document twice, so a big
// inject made about 1.5 million such calls a megabyte. These keep freed blocks on per-thread lists
// and hand them out again; the rest goes to malloc. Blocks carry a 16-byte header (their size
// class and size), so only these functions may free what they return, as libyaml does.

#include <cstddef>

extern "C" {
void* mesh_libyaml_malloc(std::size_t size);
void* mesh_libyaml_realloc(void* block, std::size_t size);
void mesh_libyaml_free(void* block);
char* mesh_libyaml_strdup(const char* text);
}

#pragma once
// A per-thread cache of freed blocks in front of malloc, for the mesh executable: its libyaml
// calls these instead of malloc, realloc, free and strdup (the root CMakeLists.txt renames those
// four in a copy of Debian's libyaml.a with objcopy), and its operator new and delete are these
// (main/operator_new.cpp).
//
// A big inject allocates by the million, nearly all of it small and short-lived: libyaml asks for
// four small strings for every plain scalar it scans and frees three of them at once, and 64 KiB
// of buffers for every parser (mesh reads each document twice); mesh's trees and JSON values are
// built and dropped a document at a time. glibc's malloc and free were a quarter of its CPU time.
// Here freed small blocks wait on per-thread lists to be handed out again, and the rest goes to
// malloc. Blocks carry a 16-byte header (their size class and size), so only mesh_block_free may
// free what these return.

#include <cstddef>

extern "C" {
void* mesh_block_alloc(std::size_t size);
void* mesh_block_realloc(void* block, std::size_t size);
void mesh_block_free(void* block);
char* mesh_block_strdup(const char* text);
}

// Fuzzes the whole manifest path: splitting, the byte scan, libyaml events and the tree, planning,
// text edits, verification (libyaml reading the result back), and uninject of the result. Any
// crash, sanitizer report, hang or runaway allocation is a finding; input errors are fine, but an
// internal error (an edit that verification caught) is a finding too. One thread: with a thread per
// core, which documents a run covered first depended on scheduling, and CI's fixed-seed run with it.

#include <cstddef>
#include <cstdint>
#include <string>

#include "libmesh/inject/stream_processor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    mesh::inject::InjectConfig config;
    config.skip_refused = true;
    config.threads = 1;
    config.mode = size % 2 ? mesh::inject::Mode::Iptables : mesh::inject::Mode::HttpProxy;
    auto injected = mesh::inject::process_stream(input, "fuzz", mesh::inject::Operation::Inject, config);
    if (!injected) {
        if (injected.error().code == mesh::core::ErrorCode::Internal) __builtin_trap();
        return 0;
    }
    std::string output = injected->render(input);
    auto back = mesh::inject::process_stream(output, "fuzz", mesh::inject::Operation::Uninject, config);
    // Injected output must always be readable again, and uninject must restore the input exactly.
    if (!back) __builtin_trap();
    bool was_injected = input.find("mesh.l5d.io/injected") != std::string::npos;
    if (!was_injected && back->render(output) != input) __builtin_trap();
    return 0;
}

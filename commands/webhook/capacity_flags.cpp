#include "commands/webhook/capacity_flags.hpp"

namespace mesh::commands {

void add_capacity_flags(CLI::App& cmd, std::size_t& threads, std::size_t& max_body_bytes) {
    cmd.add_option("--threads", threads, "Reviews answered at once (waiting connections hold no thread)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{256}))
        ->capture_default_str();
    cmd.add_option("--max-body-bytes", max_body_bytes, "Largest AdmissionReview accepted (larger: 413)")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{64u << 20}))
        ->capture_default_str();
}

}  // namespace mesh::commands

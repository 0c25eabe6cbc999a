#pragma once
// Exit codes, the same for every command.

namespace mesh::cli {

/// 0 ok; 1 could not do the job; 2 usage; 3 ran and reports a finding; 130 interrupted.
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_failed = 1,
    k_exit_usage = 2,
    k_exit_finding = 3,
    k_exit_interrupted = 130
};

}  // namespace mesh::cli

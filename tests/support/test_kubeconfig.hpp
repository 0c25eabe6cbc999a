#pragma once
// A kubeconfig for the fake API server: what `mesh status/check --kubeconfig` read in tests.

#include <string>

namespace mesh::testing {

/// Writes a kubeconfig whose current context reaches `server` (trusting testdata's kube/tls CA)
/// with the token the fake API server accepts, and `ns` as the context's namespace when not empty.
/// ctest runs tests in parallel processes, so the file is named after the test and the process.
/// Returns its path.
std::string write_fake_kubeconfig(const std::string& server, const std::string& ns = "");

}  // namespace mesh::testing

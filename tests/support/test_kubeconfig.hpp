#pragma once
// A kubeconfig for the fake API server: what `mesh status/check --kubeconfig` read in tests.

#include <string>

namespace mesh::testing {

/// Writes a kubeconfig whose current context reaches `server` (trusting testdata's kube/tls CA)
/// with the token the fake API server accepts, and `ns` as the context's namespace when not empty.
/// ctest runs tests in parallel processes, so the file is named after the test and the process.
/// Returns its path.
std::string write_fake_kubeconfig(const std::string& server, const std::string& ns = "");

/// The same kubeconfig with `user_yaml` (lines indented four spaces, such as an exec plugin) as
/// its user entry instead of the token, in a file of its own.
std::string write_fake_kubeconfig_with_user(const std::string& server, const std::string& user_yaml);

}  // namespace mesh::testing

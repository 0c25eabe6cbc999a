#pragma once
// Making a small PKI for the webhook with OpenSSL: a CA and a serving certificate signed by it,
// for clusters without cert-manager, and throwaway certificates for tests.

#include <string>
#include <vector>

#include "libmesh/core/error.hpp"

namespace mesh::webhook {

/// A certificate and its private key, both PEM.
struct PemPair {
    std::string cert;
    std::string key;
};

/// A self-signed CA (ECDSA P-256) named `common_name`, valid for `days` days from now.
core::Result<PemPair> make_ca(const std::string& common_name, int days);

/// A serving certificate (ECDSA P-256, serverAuth) for `dns_names` (the first is also the
/// common name), signed by `ca`, valid for `days` days. Entries that parse as IP addresses go
/// into the subjectAltName as IP addresses.
core::Result<PemPair> make_serving_cert(const PemPair& ca, const std::vector<std::string>& dns_names, int days);

}  // namespace mesh::webhook

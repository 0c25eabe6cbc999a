#include "libmesh/webhook/certs.hpp"

#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"

namespace mesh::webhook {

namespace {

template <auto Free> struct Deleter {
    template <typename T> void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

core::Error openssl_error(const std::string& what) {
    unsigned long code = ERR_get_error();
    char buffer[256] = "unknown OpenSSL error";
    if (code != 0) ERR_error_string_n(code, buffer, sizeof buffer);
    ERR_clear_error();
    return core::Error{core::ErrorCode::Internal, fmt::format("{}: {}", what, buffer), {}, {}};
}

KeyPtr new_key() { return KeyPtr(EVP_EC_gen("P-256")); }

std::string to_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string to_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

bool add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

// A certificate with a random serial, the subject CN and the validity filled in.
CertPtr new_cert(EVP_PKEY* key, const std::string& common_name, int days) {
    CertPtr cert(X509_new());
    if (!cert) return nullptr;
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) return nullptr;
    serial[0] &= 0x7f;  // positive
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    bool ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
    BN_free(bn);
    ok = ok && X509_set_version(cert.get(), 2) == 1;
    ok = ok && X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300) != nullptr;  // clock skew
    ok = ok && X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * days) != nullptr;
    ok = ok && X509_set_pubkey(cert.get(), key) == 1;
    X509_NAME* name = X509_get_subject_name(cert.get());
    ok = ok && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) == 1;
    return ok ? std::move(cert) : nullptr;
}

bool is_ip(const std::string& name) {
    unsigned char buffer[16];
    return inet_pton(AF_INET, name.c_str(), buffer) == 1 || inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

}  // namespace

core::Result<PemPair> make_ca(const std::string& common_name, int days) {
    KeyPtr key = new_key();
    if (!key) return tl::unexpected(openssl_error("generating the CA key"));
    CertPtr cert = new_cert(key.get(), common_name, days);
    if (!cert) return tl::unexpected(openssl_error("building the CA certificate"));
    bool ok = X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) == 1 &&
              add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
              add_extension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign") &&
              add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash") &&
              X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
    if (!ok) return tl::unexpected(openssl_error("signing the CA certificate"));
    return PemPair{to_pem(cert.get()), to_pem(key.get())};
}

core::Result<PemPair> make_serving_cert(const PemPair& ca, const std::vector<std::string>& dns_names, int days) {
    if (dns_names.empty()) return core::usage_error("a serving certificate needs at least one DNS name");
    BioPtr cert_bio(BIO_new_mem_buf(ca.cert.data(), static_cast<int>(ca.cert.size())));
    CertPtr ca_cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    BioPtr key_bio(BIO_new_mem_buf(ca.key.data(), static_cast<int>(ca.key.size())));
    KeyPtr ca_key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!ca_cert || !ca_key) return tl::unexpected(openssl_error("reading the CA"));
    KeyPtr key = new_key();
    if (!key) return tl::unexpected(openssl_error("generating the serving key"));
    CertPtr cert = new_cert(key.get(), dns_names.front(), days);
    if (!cert) return tl::unexpected(openssl_error("building the serving certificate"));
    std::string san;
    for (const auto& name : dns_names)
        san += fmt::format("{}{}:{}", san.empty() ? "" : ",", is_ip(name) ? "IP" : "DNS", name);
    bool ok = X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get())) == 1 &&
              add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE") &&
              add_extension(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature,keyEncipherment") &&
              add_extension(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth") &&
              add_extension(cert.get(), ca_cert.get(), NID_subject_alt_name, san) &&
              add_extension(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always") &&
              X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0;
    if (!ok) return tl::unexpected(openssl_error("signing the serving certificate"));
    return PemPair{to_pem(cert.get()), to_pem(key.get())};
}

}  // namespace mesh::webhook

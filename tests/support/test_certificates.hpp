#pragma once
// Certificates made in the test, with OpenSSL's API: a private CA, and server certificates it signs
// for given names and validity, written as PEM files. No fixture certificate can expire in the repo.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace plcbridge::testing {

struct KeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertDeleter {
    void operator()(X509* c) const { X509_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

inline Key new_key() {
    Key key(EVP_EC_gen("P-256"));
    if (!key) throw std::runtime_error("EVP_EC_gen failed");
    return key;
}

inline void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr) throw std::runtime_error("bad extension " + value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

/// A certificate for `common_name` with `subject_alt_names` ("DNS:localhost,IP:127.0.0.1"), valid
/// from now + `from_days` to now + `to_days`, signed by issuer/issuer_key (itself when null: a CA).
inline Cert make_certificate(const std::string& common_name, const std::string& subject_alt_names, EVP_PKEY* key,
                             X509* issuer, EVP_PKEY* issuer_key, long from_days, long to_days) {
    static long serial = 1;
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), from_days * 86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), to_days * 86400);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                               -1, -1, 0);
    const bool is_ca = issuer == nullptr;
    X509_set_issuer_name(cert.get(), is_ca ? name : X509_get_subject_name(issuer));
    X509* signer = is_ca ? cert.get() : issuer;
    add_extension(cert.get(), signer, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "CA:FALSE");
    if (is_ca) add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    if (!subject_alt_names.empty()) add_extension(cert.get(), signer, NID_subject_alt_name, subject_alt_names);
    if (X509_sign(cert.get(), is_ca ? key : issuer_key, EVP_sha256()) == 0) throw std::runtime_error("X509_sign");
    return cert;
}

inline void write_pem(const std::string& path, X509* cert) {
    FILE* f = std::fopen(path.c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
}
inline void write_pem(const std::string& path, EVP_PKEY* key) {
    FILE* f = std::fopen(path.c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
}

/// A private CA in `dir`/ca.pem and server certificates it signs: `<name>.pem` + `<name>.key`.
class TestCa {
  public:
    explicit TestCa(std::string dir)
        : dir_(std::move(dir)),
          key_(new_key()),
          cert_(make_certificate("plcbridge test CA", "", key_.get(), nullptr, nullptr, -1, 30)) {
        write_pem(ca_file(), cert_.get());
    }
    [[nodiscard]] std::string ca_file() const { return dir_ + "/ca.pem"; }
    /// Writes `name`.pem (the certificate) and `name`.key; returns the certificate's path.
    std::string issue(const std::string& name, const std::string& subject_alt_names, long from_days, long to_days) {
        Key key = new_key();
        Cert cert = make_certificate(name, subject_alt_names, key.get(), cert_.get(), key_.get(), from_days, to_days);
        write_pem(dir_ + "/" + name + ".pem", cert.get());
        write_pem(dir_ + "/" + name + ".key", key.get());
        return dir_ + "/" + name + ".pem";
    }
    [[nodiscard]] std::string key_of(const std::string& name) const { return dir_ + "/" + name + ".key"; }

  private:
    std::string dir_;
    Key key_;
    Cert cert_;
};

}  // namespace plcbridge::testing

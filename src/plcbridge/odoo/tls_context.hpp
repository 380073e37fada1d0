#pragma once
/// The TLS settings for https:// Odoo URLs (docs/ODOO.md "HTTPS"): the server's certificate is
/// verified against the system's CA store (Debian's ca-certificates), or against `ca_file` for a
/// plant's private CA, and must name the host of the URL. `verify = false` skips both and is only
/// for a bench test: the service says so with a WARNING at start.

#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/ssl/context.hpp>

#include "plcbridge/core/result.hpp"

namespace plcbridge::odoo {

struct TlsSettings {
    bool verify = true;
    std::string ca_file;  ///< PEM; empty = the system store
};

/// What the service logs (WARNING) and `odoo ping` prints when [odoo] tls_verify = false.
inline constexpr std::string_view kUnverifiedTlsWarning =
    "[odoo] tls_verify = false: Odoo's certificate and host name are NOT checked; anyone between this PC and "
    "Odoo can read the password and change Odoo's answers. Set [odoo] ca_file to the plant's CA instead";

/// A client context with those settings; Errc::protocol naming [odoo] ca_file when it cannot be loaded.
[[nodiscard]] Result<std::shared_ptr<boost::asio::ssl::context>> make_tls_context(const TlsSettings& settings);

/// Prepares one connection's SSL object: SNI and the host-name (or IP address) check for `host`.
/// Errc::protocol when OpenSSL refuses the name.
[[nodiscard]] Result<void> expect_peer(SSL* ssl, const std::string& host, bool verify);

/// Why the handshake failed in words, with the certificate check's own reason when there is one
/// ("certificate has expired", "unable to get local issuer certificate", "hostname mismatch").
[[nodiscard]] std::string handshake_failure(SSL* ssl, const boost::system::error_code& ec);

}  // namespace plcbridge::odoo

#include "plcbridge/odoo/tls_context.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

#include "plcbridge/odoo/errc.hpp"

namespace plcbridge::odoo {

namespace ssl = boost::asio::ssl;

Result<std::shared_ptr<ssl::context>> make_tls_context(const TlsSettings& settings) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    boost::system::error_code ec;
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                             ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                         ec);
    if (!settings.verify) {
        context->set_verify_mode(ssl::verify_none, ec);
        return context;
    }
    if (settings.ca_file.empty()) {
        context->set_default_verify_paths(ec);
        if (ec)
            return make_error(Errc::protocol,
                              fmt::format("the system's CA store cannot be loaded ({}): install ca-certificates, or "
                                          "set [odoo] ca_file",
                                          ec.message()));
    } else {
        context->load_verify_file(settings.ca_file, ec);
        if (ec)
            return make_error(Errc::protocol, fmt::format("[odoo] ca_file {}: cannot load it as PEM certificates ({})",
                                                          settings.ca_file, ec.message()));
    }
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert, ec);
    return context;
}

Result<void> expect_peer(SSL* ssl, const std::string& host, bool verify) {
    boost::system::error_code not_ip;
    (void)boost::asio::ip::make_address(host, not_ip);
    const bool is_ip = !not_ip;
    // SNI carries names only (RFC 6066); an address is checked against the certificate's IP entries.
    // SSL_set_tlsext_host_name, spelled out: the macro's C cast would trip -Wold-style-cast.
    if (!is_ip &&
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str())) != 1)
        return make_error(Errc::protocol, fmt::format("[odoo] url: TLS refuses the host name '{}'", host));
    if (!verify) return {};
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    const int set = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                          : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
    if (set != 1)
        return make_error(Errc::protocol, fmt::format("[odoo] url: cannot check certificates for '{}'", host));
    return {};
}

std::string handshake_failure(SSL* ssl, const boost::system::error_code& ec) {
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
        return fmt::format(
            "the server's certificate is not accepted: {} (set [odoo] ca_file to the CA that "
            "signed it, or correct [odoo] url's host)",
            X509_verify_cert_error_string(verify));
    }
    return ec.message();
}

}  // namespace plcbridge::odoo

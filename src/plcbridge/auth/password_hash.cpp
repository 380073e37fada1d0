#include "plcbridge/auth/password_hash.hpp"

#include <sodium.h>

#include <fmt/format.h>

namespace plcbridge::auth {

namespace {

/// sodium_init is idempotent and thread-safe; -1 means no usable random source.
bool sodium_ready() noexcept {
    return sodium_init() >= 0;
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password) {
    if (password.size() < kMinPasswordLength)
        return fmt::format("the password has {} characters; use at least {}", password.size(), kMinPasswordLength);
    if (password.size() > kMaxPasswordLength)
        return fmt::format("the password is longer than {} bytes", kMaxPasswordLength);
    for (char ch : password) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte < 0x20 || byte == 0x7f) return std::string("the password contains a control character (a line end?)");
    }
    return std::nullopt;
}

Result<std::string> hash_password(std::string_view password) {
    if (!sodium_ready())
        return Error{std::make_error_code(std::errc::io_error), "libsodium could not initialise (no random source)"};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return Error{std::make_error_code(std::errc::not_enough_memory),
                     fmt::format("Argon2id needs {} MiB to hash a password and could not have it",
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE / (1024 * 1024))};
    }
    return std::string(out);
}

bool password_matches(const std::string& stored_hash, std::string_view password) {
    if (!sodium_ready() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace plcbridge::auth

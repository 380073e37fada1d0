#pragma once
/// Operators' passwords, stored only as Argon2id hashes (libsodium's crypto_pwhash_str: the salt
/// and the cost parameters travel inside the stored string, so raising the cost later still
/// verifies old hashes). The cost is libsodium's "interactive" level: 64 MiB and ~0.1 s per hash on
/// the plant PC, which is what makes a stolen database slow to attack; login throttling
/// (login_throttle) keeps a guesser from making the service spend it in a loop.

#include <optional>
#include <string>
#include <string_view>

#include "plcbridge/core/result.hpp"

namespace plcbridge::auth {

inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 256;

/// Why a new password is refused (too short, too long, a control character), or nullopt.
[[nodiscard]] std::optional<std::string> password_problem(std::string_view password);

/// The "$argon2id$..." string to store. Fails only when the machine cannot give the memory.
[[nodiscard]] Result<std::string> hash_password(std::string_view password);

/// Constant-time check of `password` against a stored hash; false for a malformed hash.
[[nodiscard]] bool password_matches(const std::string& stored_hash, std::string_view password);

}  // namespace plcbridge::auth

#pragma once
/// Unguessable identifiers (session ids, CSRF tokens, the demo's first password): 32 bytes from the
/// kernel's random source through libsodium, as lowercase hex.

#include <string>

namespace plcbridge::auth {

[[nodiscard]] std::string random_token(std::size_t bytes = 32);

}  // namespace plcbridge::auth

#include "plcbridge/auth/random_token.hpp"

#include <vector>

#include <sodium.h>

namespace plcbridge::auth {

std::string random_token(std::size_t bytes) {
    // randombytes_buf reads the kernel's source (getrandom) whether or not sodium_init succeeded;
    // sodium_init only picks the fastest implementation.
    if (sodium_init() < 0) {
        // Nothing better to do: randombytes_buf below still works on Linux.
    }
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string text;
    text.reserve(bytes * 2);
    constexpr char kDigits[] = "0123456789abcdef";
    for (unsigned char b : raw) {
        text.push_back(kDigits[b >> 4]);
        text.push_back(kDigits[b & 0x0f]);
    }
    return text;
}

}  // namespace plcbridge::auth

#pragma once
/// Slows down password guessing (docs/CONSOLE.md "Sign-in"). Failed sign-ins are counted per key —
/// the account name and, separately, the client address — and after kFreeFailures failures within
/// kWindow the key is locked: kFirstLock, doubling with each further failure up to kMaxLock. A
/// success clears the account's key. Pure: the caller passes the time; bounded to kMaxKeys keys
/// (the stalest goes first), so a flood of made-up names cannot grow it.

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "plcbridge/auth/session_table.hpp"

namespace plcbridge::auth {

class LoginThrottle {
  public:
    static constexpr int kFreeFailures = 5;
    static constexpr std::chrono::minutes kWindow{15};
    static constexpr std::chrono::seconds kFirstLock{30};
    static constexpr std::chrono::minutes kMaxLock{15};
    static constexpr std::size_t kMaxKeys = 4096;

    /// How long `key` is still locked, or nullopt when it may try.
    [[nodiscard]] std::optional<std::chrono::seconds> locked_for(const std::string& key, SteadyTime now) const;
    void record_failure(const std::string& key, SteadyTime now);
    void record_success(const std::string& key);

  private:
    struct Record {
        int failures = 0;
        SteadyTime first_failure;
        SteadyTime last_failure;
        SteadyTime locked_until;
    };
    std::map<std::string, Record, std::less<>> records_;
};

}  // namespace plcbridge::auth

#pragma once
/// Who is signed in to the console. A session is an unguessable id (the HttpOnly cookie) with its
/// own CSRF token (sent back in the X-CSRF-Token header of every state-changing request, which a
/// foreign page cannot read or set). Kept in memory on purpose: a restart signs everyone out, which
/// on a plant is safer than a session that outlives the service that vouched for it.
/// Bounded: a session ends after kIdleTimeout without a request or kMaxAge after sign-in, and at
/// most kMaxSessions live at once (the least recently used goes first).

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "plcbridge/auth/role.hpp"

namespace plcbridge::auth {

using SteadyTime = std::chrono::steady_clock::time_point;

struct Session {
    std::string id;
    std::string csrf;
    std::string username;
    Role role = Role::viewer;
    /// The stored password hash at sign-in: a password changed since ends the session.
    std::string credential;
    SteadyTime signed_in;
    SteadyTime last_seen;
};

class SessionTable {
  public:
    static constexpr std::chrono::hours kIdleTimeout{8};  ///< a shift
    static constexpr std::chrono::hours kMaxAge{12};
    static constexpr std::size_t kMaxSessions = 256;

    /// `token` makes ids and CSRF tokens (random_token in the service; a counter in tests).
    explicit SessionTable(std::function<std::string()> token) : token_(std::move(token)) {}

    Session open(const std::string& username, Role role, SteadyTime now, std::string credential = {});
    /// The live session with this id (its last_seen moved to now), or nullopt.
    std::optional<Session> find(const std::string& id, SteadyTime now);
    void close(const std::string& id);
    /// Every session of this account (its password changed, it was disabled); how many.
    std::size_t close_all_of(const std::string& username);
    [[nodiscard]] std::size_t size() const noexcept { return sessions_.size(); }

  private:
    [[nodiscard]] static bool expired(const Session& s, SteadyTime now) noexcept;
    void evict_one(SteadyTime now);

    std::function<std::string()> token_;
    std::map<std::string, Session, std::less<>> sessions_;
};

}  // namespace plcbridge::auth

#include "plcbridge/auth/session_table.hpp"

#include <algorithm>

namespace plcbridge::auth {

bool SessionTable::expired(const Session& s, SteadyTime now) noexcept {
    return now - s.last_seen > kIdleTimeout || now - s.signed_in > kMaxAge;
}

void SessionTable::evict_one(SteadyTime now) {
    // Expired ones first; otherwise the one unused the longest.
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
        if (expired(it->second, now)) {
            sessions_.erase(it);
            return;
        }
    }
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](const auto& a, const auto& b) {
        return a.second.last_seen < b.second.last_seen;
    });
    if (oldest != sessions_.end()) sessions_.erase(oldest);
}

Session SessionTable::open(const std::string& username, Role role, SteadyTime now, std::string credential) {
    while (sessions_.size() >= kMaxSessions)
        evict_one(now);
    Session s{token_(), token_(), username, role, std::move(credential), now, now};
    sessions_.insert_or_assign(s.id, s);
    return s;
}

std::optional<Session> SessionTable::find(const std::string& id, SteadyTime now) {
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    if (expired(it->second, now)) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second;
}

void SessionTable::close(const std::string& id) {
    sessions_.erase(id);
}

std::size_t SessionTable::close_all_of(const std::string& username) {
    return std::erase_if(sessions_, [&](const auto& entry) { return entry.second.username == username; });
}

}  // namespace plcbridge::auth

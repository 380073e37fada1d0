#include "plcbridge/store/database_url.hpp"

#include <fmt/format.h>

#include "plcbridge/store/errc.hpp"

namespace plcbridge::store {

std::string DatabaseUrl::redacted() const {
    if (backend == Backend::sqlite) return "sqlite:" + target;
    // postgresql://user:password@host -> postgresql://user:***@host
    const auto scheme = target.find("://");
    const auto at = target.find('@', scheme == std::string::npos ? 0 : scheme + 3);
    if (scheme == std::string::npos || at == std::string::npos) return target;
    const auto colon = target.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return target;
    return target.substr(0, colon + 1) + "***" + target.substr(at);
}

Result<DatabaseUrl> parse_database_url(std::string_view url) {
    auto bad = [&](std::string_view why) {
        return make_error(Errc::bad_url, fmt::format("[database] url '{}': {} (expected sqlite:PATH or "
                                                     "postgresql://user:password@host:5432/dbname)",
                                                     url.starts_with("postgres") ? "postgresql://..." : url, why));
    };
    if (url.starts_with("sqlite:")) {
        std::string_view path = url.substr(7);
        if (path.starts_with("//")) path.remove_prefix(2);  // sqlite://path is accepted too
        if (path.empty()) return bad("no file path after sqlite:");
        return DatabaseUrl{Backend::sqlite, std::string(path)};
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        if (url.size() <= url.find("://") + 3) return bad("no host after postgresql://");
        return DatabaseUrl{Backend::postgresql, std::string(url)};
    }
    return bad("unknown scheme");
}

}  // namespace plcbridge::store

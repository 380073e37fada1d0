#pragma once
/// The operator console's files (web/console), compiled into the binary by cmake/EmbedAssets.cmake:
/// served from memory, nothing fetched from anywhere at run time.

#include <span>
#include <string_view>

namespace plcbridge::api {

struct ConsoleAsset {
    std::string_view path;  ///< under web/console, e.g. "app.js", "i18n/id.json"
    std::string_view content_type;
    std::string_view body;
};

[[nodiscard]] std::span<const ConsoleAsset> console_assets() noexcept;

/// The asset at `path` (relative, no leading slash), or nullptr.
[[nodiscard]] inline const ConsoleAsset* find_console_asset(std::string_view path) noexcept {
    for (const ConsoleAsset& a : console_assets()) {
        if (a.path == path) return &a;
    }
    return nullptr;
}

}  // namespace plcbridge::api

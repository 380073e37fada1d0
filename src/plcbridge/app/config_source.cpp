#include "plcbridge/app/config_source.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

extern char** environ;  // POSIX: the process's environment, NAME=value

namespace plcbridge::app {

namespace {

constexpr std::string_view kPrefix = "PLCBRIDGE_";
constexpr std::string_view kTestPrefix = "PLCBRIDGE_TEST_";

/// Edit distance: a typo such as PASWORD is one step from PASSWORD.
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> process_variable_names() {
    std::vector<std::string> names;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        names.emplace_back(text.substr(0, text.find('=')));
    }
    return names;
}

}  // namespace

std::string packaged_config_path() {
#ifdef PLCBRIDGE_PACKAGED_CONFIG
    return PLCBRIDGE_PACKAGED_CONFIG;
#else
    return "/etc/plcbridge/plcbridge.toml";
#endif
}

Result<std::string> choose_config_file(const std::string& given, bool packaged_exists, ConfigUse use) {
    if (!given.empty()) return given;
    if (packaged_exists) return packaged_config_path();
    if (use == ConfigUse::diagnostics) return std::string{};
    return Error{make_error_code(ConfigErrc::unreadable),
                 fmt::format("no configuration: pass --config FILE (or install the package, which provides {}); "
                             "without one this command would create an empty database in the current folder",
                             packaged_config_path())};
}

Result<void> check_variable_names(const std::vector<std::string>& names) {
    const std::vector<std::string> known = config_variable_names();
    for (const std::string& name : names) {
        if (!name.starts_with(kPrefix) || name.starts_with(kTestPrefix)) continue;
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        const auto nearest = std::min_element(known.begin(), known.end(), [&](const auto& a, const auto& b) {
            return distance(name, a) < distance(name, b);
        });
        return Error{make_error_code(ConfigErrc::unknown_key),
                     fmt::format("environment variable {} is not a configuration key (nearest: {}); unset it or "
                                 "correct its name (PLCBRIDGE_<SECTION>_<KEY>, docs/CONTRACT.md \"Configuration\")",
                                 name, *nearest)};
    }
    return {};
}

Result<Config> load_command_config(const std::string& given, ConfigUse use) {
    if (auto names = check_variable_names(process_variable_names()); !names) return std::move(names).error();
    std::error_code ec;
    const bool packaged = std::filesystem::exists(packaged_config_path(), ec);
    auto file = choose_config_file(given, packaged, use);
    if (!file) return std::move(file).error();
    return load_config(*file, process_environment());
}

}  // namespace plcbridge::app

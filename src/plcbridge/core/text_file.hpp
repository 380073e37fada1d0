#pragma once
/// A whole (small) text file, or the reason it cannot be read. Configuration and map files are
/// kilobytes; a cap keeps a wrong path (a device, a log) from being slurped.

#include <optional>
#include <string>

namespace plcbridge {

inline constexpr std::size_t kMaxTextFileBytes = 4 * 1024 * 1024;

struct TextFile {
    std::optional<std::string> text;  ///< the contents, when readable
    std::string why;                  ///< otherwise: "No such file or directory", "larger than 4 MiB", ...
};

[[nodiscard]] TextFile read_text_file(const std::string& path);

}  // namespace plcbridge

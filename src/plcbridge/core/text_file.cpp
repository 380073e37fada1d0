#include "plcbridge/core/text_file.hpp"

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

namespace plcbridge {

TextFile read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, std::generic_category().message(errno)};
    std::string text;
    char buffer[8192];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxTextFileBytes)
            return {std::nullopt, "larger than 4 MiB: not a configuration or map file"};
    }
    if (in.bad()) return {std::nullopt, "read error"};
    return {std::move(text), {}};
}

}  // namespace plcbridge

#include "plcbridge/app/journal_stream.hpp"

#include <sys/stat.h>

#include <charconv>

namespace plcbridge::app {

bool is_journal_stream(const std::optional<std::string>& journal_stream, int fd) {
    if (!journal_stream) return false;
    const std::string_view text = *journal_stream;
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return false;
    unsigned long long device = 0;
    unsigned long long inode = 0;
    const auto [d_end, d_ec] = std::from_chars(text.data(), text.data() + colon, device);
    const auto [i_end, i_ec] = std::from_chars(text.data() + colon + 1, text.data() + text.size(), inode);
    if (d_ec != std::errc{} || i_ec != std::errc{} || d_end != text.data() + colon ||
        i_end != text.data() + text.size())
        return false;
    struct stat st {};
    if (fstat(fd, &st) != 0) return false;
    return static_cast<unsigned long long>(st.st_dev) == device && static_cast<unsigned long long>(st.st_ino) == inode;
}

}  // namespace plcbridge::app

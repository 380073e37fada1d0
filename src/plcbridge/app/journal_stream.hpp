#pragma once
/// Whether standard output is connected to systemd's journal: systemd sets JOURNAL_STREAM to the
/// `device:inode` of the stream it hands the service, and a program compares it with its own stdout
/// (sd-daemon's documented check, docs/OPERATIONS.md "Logs"), so a shell started from the service and
/// redirected elsewhere is not mistaken for the journal.

#include <optional>
#include <string>
#include <string_view>

namespace plcbridge::app {

/// True when `journal_stream` ("8:12345") names the file behind descriptor `fd`.
[[nodiscard]] bool is_journal_stream(const std::optional<std::string>& journal_stream, int fd);

}  // namespace plcbridge::app

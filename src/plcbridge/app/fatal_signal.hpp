#pragma once
/// The last word of a process that crashes: on SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT one line
/// "<UTC time> [ERROR] fatal signal SIGBUS (...): plcbridge stops ..." is appended to the log file
/// and written to stderr, with async-signal-safe calls only (open, write, clock_gettime); then the
/// handler that was there before (the default, or a sanitizer's report) runs, so the process still
/// ends by that signal and the service manager restarts it. Without this a SIGBUS inside SQLite
/// ended the service without a word in its log.
///
/// A signal handler can only reach process-wide state; install() keeps the log path in a fixed
/// buffer owned by this file. Call it once, from the composition root, after the log is open.

#include <cstddef>
#include <string>

namespace plcbridge::app {

/// Installs the handlers; `log_path` is where the line goes (besides stderr).
void install_fatal_signal_report(const std::string& log_path);

/// The line the handler writes, for `signal` at `unix_ms` (milliseconds since 1970, UTC), in the
/// log file's format (pure; a test checks it).
/// Writes at most `capacity` bytes into `out`, returns the length. Async-signal-safe.
std::size_t format_fatal_signal_line(int signal, long long unix_ms, char* out, std::size_t capacity) noexcept;

}  // namespace plcbridge::app

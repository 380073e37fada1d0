#include "plcbridge/app/fatal_signal.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>

namespace plcbridge::app {
namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr std::size_t kPathCapacity = 4096;

// Process-wide by necessity: a signal handler receives nothing but the signal number.
char g_log_path[kPathCapacity] = {};
struct sigaction g_previous[sizeof kSignals / sizeof kSignals[0]] = {};

struct Appender {
    char* out;
    std::size_t capacity;
    std::size_t length = 0;
    void text(const char* s) noexcept {
        while (*s != '\0' && length < capacity)
            out[length++] = *s++;
    }
    void number(long long n, int width) noexcept {
        char digits[24];
        int count = 0;
        if (n < 0) n = 0;
        do {
            digits[count++] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n > 0 && count < 23);
        while (count < width)
            digits[count++] = '0';
        while (count > 0 && length < capacity)
            out[length++] = digits[--count];
    }
};

const char* signal_name(int signal) noexcept {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV (invalid memory access)";
        case SIGBUS:
            return "SIGBUS (bus error: a memory-mapped file could not be read or written, e.g. the database "
                   "or its -shm on a full, read-only or immutable file system)";
        case SIGFPE: return "SIGFPE (arithmetic error)";
        case SIGILL: return "SIGILL (illegal instruction)";
        case SIGABRT: return "SIGABRT (aborted)";
        default: return "unexpected signal";
    }
}

void on_fatal_signal(int signal) {
    const int saved_errno = errno;
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    char line[1024];
    const std::size_t length = format_fatal_signal_line(
        signal, static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000, line, sizeof line);
    if (g_log_path[0] != '\0') {
        const int fd = open(g_log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0) {
            (void)!write(fd, line, length);
            close(fd);
        }
    }
    (void)!write(STDERR_FILENO, line, length);
    // Hand over to whoever was there before us (the default action, or a sanitizer's report).
    for (std::size_t i = 0; i < sizeof kSignals / sizeof kSignals[0]; ++i) {
        if (kSignals[i] == signal) sigaction(signal, &g_previous[i], nullptr);
    }
    errno = saved_errno;
    raise(signal);
}

}  // namespace

std::size_t format_fatal_signal_line(int signal, long long unix_ms, char* out, std::size_t capacity) noexcept {
    const long long unix_seconds = unix_ms / 1000;
    // The civil date of a day count (Howard Hinnant's days_from_civil inverse): gmtime_r is not
    // async-signal-safe.
    long long days = unix_seconds / 86400;
    const long long second_of_day = unix_seconds % 86400;
    days += 719468;
    const long long era = days / 146097;
    const long long day_of_era = days - era * 146097;
    const long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long long mp = (5 * day_of_year + 2) / 153;
    const long long day = day_of_year - (153 * mp + 2) / 5 + 1;
    const long long month = mp < 10 ? mp + 3 : mp - 9;
    const long long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);

    Appender a{out, capacity};
    a.number(year, 4);
    a.text("-");
    a.number(month, 2);
    a.text("-");
    a.number(day, 2);
    a.text("T");
    a.number(second_of_day / 3600, 2);
    a.text(":");
    a.number(second_of_day / 60 % 60, 2);
    a.text(":");
    a.number(second_of_day % 60, 2);
    a.text(".");
    a.number(unix_ms % 1000, 3);
    a.text("Z [ERROR] fatal signal ");
    a.text(signal_name(signal));
    a.text(
        ": plcbridge stops now; the service manager restarts it, and what the database holds resumes "
        "(report this line with the log before it)\n");
    return a.length;
}

void install_fatal_signal_report(const std::string& log_path) {
    const std::size_t n = log_path.size() < kPathCapacity - 1 ? log_path.size() : 0;  // too long: stderr only
    std::memcpy(g_log_path, log_path.data(), n);
    g_log_path[n] = '\0';
    for (std::size_t i = 0; i < sizeof kSignals / sizeof kSignals[0]; ++i) {
        struct sigaction action {};
        action.sa_handler = &on_fatal_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_ONSTACK;
        sigaction(kSignals[i], &action, &g_previous[i]);
    }
}

}  // namespace plcbridge::app

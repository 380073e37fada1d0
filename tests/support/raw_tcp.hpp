#pragma once
// Raw TCP on loopback for tests that must send what no HTTP library sends (HTTP/0.9, an HTTP/2
// preface, a connection that says nothing) or connect from a chosen loopback address.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace plcbridge::testing {

/// A connected socket to 127.0.0.1:`port` from `source` (any 127.x.y.z), or -1.
inline int tcp_connect(std::uint16_t port, const char* source = "127.0.0.1") {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Everything the peer sends until it closes or `deadline` passes; `closed` says which.
inline std::string read_until_close(int fd, std::chrono::milliseconds deadline, bool* closed = nullptr) {
    std::string out;
    const auto until = std::chrono::steady_clock::now() + deadline;
    if (closed != nullptr) *closed = false;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return out;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return out;
        char buffer[4096];
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            if (closed != nullptr) *closed = true;
            return out;
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
}

/// Sends `request` on a fresh connection and returns all of the answer (up to the close).
inline std::string raw_exchange(std::uint16_t port, const std::string& request,
                                std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    const int fd = tcp_connect(port);
    if (fd < 0) return "(no connection)";
    (void)!::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string answer = read_until_close(fd, deadline);
    ::close(fd);
    return answer;
}

}  // namespace plcbridge::testing

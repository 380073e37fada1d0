#pragma once
// A TCP relay on 127.0.0.1 that can be frozen: while frozen it forwards nothing in either direction
// and keeps every connection open, as a network partition does (no RST, no FIN: the peers only see
// silence). Refuses new connections while frozen. The failover tests put it between one instance
// and PostgreSQL. Blocking sockets, two threads per connection: a test tool, not a server.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace plcbridge::testing {

class TcpFreezeProxy {
  public:
    explicit TcpFreezeProxy(std::uint16_t upstream_port) : upstream_port_(upstream_port) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        const int yes = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in a = loopback(0);
        EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        EXPECT_EQ(::listen(listener_, 16), 0);
        socklen_t len = sizeof a;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~TcpFreezeProxy() {
        stopping_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        acceptor_.join();
        {
            std::lock_guard lock(mutex_);
            for (int fd : fds_)
                ::shutdown(fd, SHUT_RDWR);
        }
        for (auto& t : pumps_)
            t.join();
        for (int fd : fds_)
            ::close(fd);
    }
    TcpFreezeProxy(const TcpFreezeProxy&) = delete;
    TcpFreezeProxy& operator=(const TcpFreezeProxy&) = delete;

    void freeze() { frozen_ = true; }
    void thaw() { frozen_ = false; }

    std::uint16_t port = 0;

  private:
    static sockaddr_in loopback(std::uint16_t p) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(p);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return a;
    }
    void accept_loop() {
        while (!stopping_) {
            const int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) return;
            if (frozen_) {  // a partitioned network lets no new connection through either
                ::close(client);
                continue;
            }
            const int server = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a = loopback(upstream_port_);
            if (::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
                ::close(client);
                ::close(server);
                continue;
            }
            std::lock_guard lock(mutex_);
            fds_.push_back(client);
            fds_.push_back(server);
            pumps_.emplace_back([this, client, server] { pump(client, server); });
            pumps_.emplace_back([this, client, server] { pump(server, client); });
        }
    }
    void pump(int from, int to) {
        char buffer[16384];
        while (!stopping_) {
            if (frozen_) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
                continue;
            }
            pollfd p{from, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            if (frozen_) continue;
            const ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
            if (n <= 0) {
                ::shutdown(to, SHUT_WR);
                return;
            }
            if (::send(to, buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) return;
        }
    }

    std::uint16_t upstream_port_;
    int listener_ = -1;
    std::atomic<bool> frozen_{false};
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::vector<int> fds_;
    std::vector<std::thread> pumps_;
    std::thread acceptor_;
};

}  // namespace plcbridge::testing

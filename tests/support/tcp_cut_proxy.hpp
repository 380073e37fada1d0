#pragma once
// A loopback TCP proxy that a test can cut (every connection dropped, new ones refused) and restore:
// a network cut between plcbridge and its database, on real sockets.

#include <array>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

namespace plcbridge::testing {

class TcpCutProxy {
  public:
    explicit TcpCutProxy(std::uint16_t upstream_port) : upstream_port_(upstream_port), acceptor_(io_) {
        open(0);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~TcpCutProxy() {
        boost::asio::post(io_, [this] {
            close_all();
            work_.reset();
        });
        thread_.join();
    }
    TcpCutProxy(const TcpCutProxy&) = delete;
    TcpCutProxy& operator=(const TcpCutProxy&) = delete;

    [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

    void cut() {
        run_on_io([this] { close_all(); });
    }
    void restore() {
        run_on_io([this] { open(port_); });
    }

  private:
    using tcp = boost::asio::ip::tcp;

    template <class F>
    void run_on_io(F f) {
        std::promise<void> done;
        boost::asio::post(io_, [&] {
            f();
            done.set_value();
        });
        done.get_future().wait();
    }

    void open(std::uint16_t port) {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind({boost::asio::ip::make_address("127.0.0.1"), port});
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        accept();
    }

    void close_all() {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        for (auto& s : sockets_) {
            s->shutdown(tcp::socket::shutdown_both, ignored);
            s->close(ignored);
        }
        sockets_.clear();
    }

    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket client) {
            if (ec) return;
            auto down = std::make_shared<tcp::socket>(std::move(client));
            auto up = std::make_shared<tcp::socket>(io_);
            boost::system::error_code connect_ec;
            up->connect({boost::asio::ip::make_address("127.0.0.1"), upstream_port_}, connect_ec);
            if (!connect_ec) {
                sockets_.push_back(down);
                sockets_.push_back(up);
                pump(down, up);
                pump(up, down);
            }
            accept();
        });
    }

    void pump(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
        auto buffer = std::make_shared<std::array<char, 16384>>();
        from->async_read_some(
            boost::asio::buffer(*buffer), [this, from, to, buffer](boost::system::error_code ec, std::size_t n) {
                if (ec) {
                    boost::system::error_code ignored;
                    to->close(ignored);
                    return;
                }
                boost::asio::async_write(*to, boost::asio::buffer(buffer->data(), n),
                                         [this, from, to, buffer](boost::system::error_code wec, std::size_t) {
                                             if (!wec) pump(from, to);
                                         });
            });
    }

    std::uint16_t upstream_port_;
    std::uint16_t port_ = 0;
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
    tcp::acceptor acceptor_;
    std::vector<std::shared_ptr<tcp::socket>> sockets_;
    std::thread thread_;
};

}  // namespace plcbridge::testing

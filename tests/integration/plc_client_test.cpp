// One client suite, run against the real simulator over UDP and over TCP on 127.0.0.1
// (as libmodbus's unit-test-client picks its backend).
#include <gtest/gtest.h>

#include <numeric>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "plcbridge/core/leadership.hpp"
#include "plcbridge/fins/errc.hpp"
#include "plcbridge/plc/errc.hpp"
#include "plcbridge/plc/plc_client.hpp"
#include "plcbridge/plc/tcp_transport.hpp"
#include "support/sim_fixture.hpp"

namespace plcbridge {
namespace {

namespace asio = boost::asio;
using fins::Area;
using fins::MemoryAddress;
using plc::PlcClient;
using plc::TransportKind;
using testing::run_on;

class PlcClientSuite : public ::testing::TestWithParam<TransportKind> {
  protected:
    plc::ClientOptions options(std::chrono::milliseconds timeout = std::chrono::milliseconds(1000)) const {
        plc::ClientOptions o;
        o.host = "127.0.0.1";
        o.port = sim.port;
        o.transport = GetParam();
        o.timeout = timeout;
        o.retries = 2;
        o.reconnect_backoff_initial = std::chrono::milliseconds(10);
        return o;
    }
    std::unique_ptr<PlcClient> client(const plc::ClientOptions& o) {
        return std::make_unique<PlcClient>(io.get_executor(), plc::make_transport(io.get_executor(), o), o);
    }
    std::unique_ptr<PlcClient> client() { return client(options()); }

    void set_knobs(const std::function<void(sim::FaultKnobs&)>& change) {
        sim::FaultKnobs knobs = sim.plc.knobs();
        change(knobs);
        sim.plc.set_knobs(knobs);
    }

    testing::SimThread sim;
    asio::io_context io;
};

std::vector<std::uint16_t> pattern(std::size_t n, std::uint16_t seed) {
    std::vector<std::uint16_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<std::uint16_t>(seed + i * 7);
    return v;
}

TEST_P(PlcClientSuite, WriteThenReadTheWholeReadAreaRoundTrips) {
    auto c = client();
    const auto values = pattern(977, 100);
    ASSERT_TRUE(run_on(io, c->write(MemoryAddress{Area::dm, 6000}, values)).ok());
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 6000}, 977));
    ASSERT_TRUE(read.ok()) << read.error().message();
    EXPECT_EQ(*read, values);
    EXPECT_EQ(sim.plc.word(Area::dm, 6976), values.back());
}

TEST_P(PlcClientSuite, AnInstanceThatDoesNotLeadTheLineSendsNothingAtAll) {
    auto c = client();
    Leadership leadership = Leadership::leased();
    c->exchange_only_while(leadership);
    const auto requests = sim.plc.stats().requests;
    auto refused = run_on(io, c->write(MemoryAddress{Area::dm, 7076}, std::vector<std::uint16_t>{0}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, plc::Errc::not_leading);
    EXPECT_NE(refused.error().detail.find("nothing was sent to the PLC"), std::string::npos) << refused.error().detail;
    EXPECT_FALSE(run_on(io, c->read(MemoryAddress{Area::dm, 6000}, 10)).ok());
    EXPECT_EQ(sim.plc.stats().requests, requests) << "not one frame reached the PLC";

    leadership.lead(3, Leadership::Clock::now() + std::chrono::seconds(30));
    ASSERT_TRUE(run_on(io, c->write(MemoryAddress{Area::dm, 7076}, std::vector<std::uint16_t>{0})).ok());
    leadership.extend(Leadership::Clock::now());  // the local lease ran out: no more
    EXPECT_EQ(run_on(io, c->read(MemoryAddress{Area::dm, 6000}, 10)).error().code, plc::Errc::not_leading);
    EXPECT_EQ(sim.plc.stats().requests, requests + 1);
}

TEST_P(PlcClientSuite, Reading999WordsTakesOneCommandAnd1000TakeTwo) {
    auto c = client();
    const auto values = pattern(1000, 3);
    sim.plc.set_words(Area::dm, 1000, values);
    sim.plc.reset_stats();

    auto one = run_on(io, c->read(MemoryAddress{Area::dm, 1000}, 999));
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(sim.plc.stats().memory_reads, 1U);

    auto two = run_on(io, c->read(MemoryAddress{Area::dm, 1000}, 1000));
    ASSERT_TRUE(two.ok());
    EXPECT_EQ(sim.plc.stats().memory_reads, 3U);
    EXPECT_EQ(*two, values) << "the split must join seamlessly at word 999";
}

TEST_P(PlcClientSuite, Writing996WordsTakesOneCommandAnd997TakeTwo) {
    auto c = client();
    sim.plc.reset_stats();
    ASSERT_TRUE(run_on(io, c->write(MemoryAddress{Area::dm, 2000}, pattern(996, 1))).ok());
    EXPECT_EQ(sim.plc.stats().memory_writes, 1U);
    const auto values = pattern(997, 9);
    ASSERT_TRUE(run_on(io, c->write(MemoryAddress{Area::dm, 2000}, values)).ok());
    EXPECT_EQ(sim.plc.stats().memory_writes, 3U);
    EXPECT_EQ(sim.plc.words(Area::dm, 2000, 997), values);
}

TEST_P(PlcClientSuite, APlcThatNeverAnswersTimesOutAfterTheConfiguredAttempts) {
    auto c = client(options(std::chrono::milliseconds(100)));
    set_knobs([](sim::FaultKnobs& k) { k.drop_requests = -1; });
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 0}, 1));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, plc::Errc::timeout);
    EXPECT_NE(read.error().detail.find("after 3 attempt(s)"), std::string::npos) << read.error().detail;
    EXPECT_EQ(c->stats().attempts, 3U);
    EXPECT_EQ(sim.plc.stats().dropped_requests, 3U);
}

TEST_P(PlcClientSuite, ALostReplyIsRetriedAndSucceeds) {
    auto c = client(options(std::chrono::milliseconds(150)));
    sim.plc.set_word(Area::dm, 10, 4242);
    set_knobs([](sim::FaultKnobs& k) { k.lose_replies = 1; });
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 10}, 1));
    ASSERT_TRUE(read.ok()) << read.error().message();
    EXPECT_EQ(read->at(0), 4242);
    EXPECT_EQ(c->stats().attempts, 2U);
    EXPECT_EQ(c->stats().timeouts, 1U);
}

TEST_P(PlcClientSuite, DuplicatedRepliesAreDroppedNotMistakenForTheNextAnswer) {
    auto c = client();
    sim.plc.set_word(Area::dm, 20, 1);
    sim.plc.set_word(Area::dm, 21, 2);
    set_knobs([](sim::FaultKnobs& k) { k.duplicate_replies = 1; });
    auto first = run_on(io, c->read(MemoryAddress{Area::dm, 20}, 1));
    auto second = run_on(io, c->read(MemoryAddress{Area::dm, 21}, 1));
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(first->at(0), 1);
    EXPECT_EQ(second->at(0), 2) << "the duplicate of the first reply must not answer the second read";
    EXPECT_EQ(c->stats().dropped_replies, 1U);
}

TEST_P(PlcClientSuite, ALateReplyToAnEarlierAttemptIsDroppedBySid) {
    auto c = client(options(std::chrono::milliseconds(150)));
    sim.plc.set_word(Area::dm, 30, 77);
    set_knobs([](sim::FaultKnobs& k) {
        k.delay_replies = 1;
        k.reply_delay = std::chrono::milliseconds(250);
    });
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 30}, 1));
    ASSERT_TRUE(read.ok()) << read.error().message();
    EXPECT_EQ(read->at(0), 77);
    EXPECT_GE(c->stats().dropped_replies, 1U);
    EXPECT_GE(c->stats().timeouts, 1U);
}

TEST_P(PlcClientSuite, AForcedEndCodeSurfacesWithItsNameAndIsNotRetried) {
    auto c = client();
    set_knobs([](sim::FaultKnobs& k) {
        k.forced_end_code = fins::EndCode::from_raw(0x1103);
        k.forced_end_code_count = -1;
    });
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 0}, 1));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(&read.error().code.category(), &fins::end_code_category());
    EXPECT_EQ(read.error().code.value(), 0x1103);
    EXPECT_NE(read.error().message().find("address range error"), std::string::npos) << read.error().message();
    EXPECT_EQ(c->stats().attempts, 1U);
}

TEST_P(PlcClientSuite, ATransientEndCodeIsRetried) {
    auto c = client();
    sim.plc.set_word(Area::dm, 40, 5);
    set_knobs([](sim::FaultKnobs& k) {
        k.forced_end_code = fins::EndCode::from_raw(0x0204);  // destination node busy
        k.forced_end_code_count = 1;
    });
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 40}, 1));
    ASSERT_TRUE(read.ok()) << read.error().message();
    EXPECT_EQ(read->at(0), 5);
    EXPECT_EQ(c->stats().attempts, 2U);
}

TEST_P(PlcClientSuite, EndCode0040IsSuccessWithAStandingWarning) {
    auto c = client();
    set_knobs([](sim::FaultKnobs& k) {
        k.forced_end_code = fins::EndCode::from_raw(0x0040);
        k.forced_end_code_count = 1;
    });
    const std::uint16_t one[] = {1};
    ASSERT_TRUE(run_on(io, c->write(MemoryAddress{Area::dm, 50}, one)).ok());
    ASSERT_TRUE(c->stats().standing_warning.has_value());
    EXPECT_EQ(c->stats().standing_warning->raw(), 0x0040);
}

TEST_P(PlcClientSuite, StatusClockAndControllerData) {
    auto c = client();
    sim.plc.set_clock(fins::ClockTime{2026, 11, 28, 14, 30, 59, 6});
    auto status = run_on(io, c->read_status());
    ASSERT_TRUE(status.ok());
    EXPECT_TRUE(status->running());
    EXPECT_EQ(fins::mode_name(status->mode), "RUN");
    auto clock = run_on(io, c->read_clock());
    ASSERT_TRUE(clock.ok());
    EXPECT_EQ(fins::format_clock(*clock), "2026-11-28 14:30:59 Sat");
    auto data = run_on(io, c->read_controller_data());
    ASSERT_TRUE(data.ok());
    EXPECT_EQ(data->model, "CJ2M-CPU33");
}

TEST_P(PlcClientSuite, MultipleReadReturnsOneValuePerItem) {
    auto c = client();
    sim.plc.set_word(Area::dm, 100, 0x1234);
    sim.plc.set_word(Area::cio, 10, 0x0004);
    const MemoryAddress items[] = {{Area::dm, 100}, {Area::cio, 10, 2, fins::Access::bit}, {Area::dm, 101}};
    auto values = run_on(io, c->read_multiple(items));
    ASSERT_TRUE(values.ok()) << values.error().message();
    EXPECT_EQ(*values, (std::vector<std::uint16_t>{0x1234, 1, 0}));
}

TEST_P(PlcClientSuite, ConcurrentCallersAreQueuedNotInterleaved) {
    auto c = client();
    const auto values = pattern(50, 11);
    sim.plc.set_words(Area::dm, 3000, values);
    int done = 0;
    for (std::uint16_t i = 0; i < 8; ++i) {
        asio::co_spawn(
            io,
            [&, i]() -> asio::awaitable<void> {
                auto r = co_await c->read(MemoryAddress{Area::dm, static_cast<std::uint16_t>(3000 + i)}, 5);
                EXPECT_TRUE(r.ok());
                if (r.ok()) {
                    EXPECT_EQ(r->at(0), values[i]);
                }
                ++done;
            },
            asio::detached);
    }
    io.restart();
    io.run();
    EXPECT_EQ(done, 8);
}

TEST_P(PlcClientSuite, ImpossibleRequestsAreRejectedBeforeTheWire) {
    auto c = client();
    auto past_end = run_on(io, c->read(MemoryAddress{Area::dm, 65535}, 2));
    ASSERT_FALSE(past_end.ok());
    EXPECT_EQ(past_end.error().code, plc::Errc::invalid_request);
    auto empty = run_on(io, c->write(MemoryAddress{Area::dm, 1}, std::span<const std::uint16_t>{}));
    EXPECT_EQ(empty.error().code, plc::Errc::invalid_request);
    EXPECT_EQ(c->stats().attempts, 0U);
}

TEST_P(PlcClientSuite, AStoppedPlcIsReportedUnreachableOrTimedOut) {
    auto o = options(std::chrono::milliseconds(100));
    sim.stop();
    auto c = client(o);
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 0}, 1));
    ASSERT_FALSE(read.ok());
    // UDP: ICMP port unreachable (or silence); TCP: connection refused.
    EXPECT_TRUE(read.error().code == plc::Errc::unreachable || read.error().code == plc::Errc::timeout)
        << read.error().message();
    EXPECT_NE(read.error().message().find("127.0.0.1"), std::string::npos) << "the message names the PLC";
}

INSTANTIATE_TEST_SUITE_P(Transports, PlcClientSuite, ::testing::Values(TransportKind::udp, TransportKind::tcp),
                         [](const ::testing::TestParamInfo<TransportKind>& p) {
                             return std::string(plc::transport_name(p.param));
                         });

// ---- TCP only -------------------------------------------------------------------------------

class TcpClient : public PlcClientSuite {};

TEST_P(TcpClient, RepliesSplitIntoTinySegmentsAreReassembled) {
    auto c = client();
    const auto values = pattern(200, 5);
    sim.plc.set_words(Area::dm, 500, values);
    set_knobs([](sim::FaultKnobs& k) { k.split_tcp_writes = true; });
    auto read = run_on(io, c->read(MemoryAddress{Area::dm, 500}, 200));
    ASSERT_TRUE(read.ok()) << read.error().message();
    EXPECT_EQ(*read, values);
}

TEST_P(TcpClient, ReconnectsAfterThePlcDropsTheConnection) {
    auto o = options(std::chrono::milliseconds(300));
    auto transport = std::make_unique<plc::TcpTransport>(io.get_executor(), o);
    plc::TcpTransport* raw = transport.get();
    PlcClient c(io.get_executor(), std::move(transport), o);
    ASSERT_TRUE(run_on(io, c.read(MemoryAddress{Area::dm, 0}, 1)).ok());
    EXPECT_EQ(raw->connects(), 1U);

    sim.server.close_tcp_connections();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the close reach us
    auto after = run_on(io, c.read(MemoryAddress{Area::dm, 0}, 1));
    ASSERT_TRUE(after.ok()) << after.error().message();
    EXPECT_EQ(raw->connects(), 2U);
}

TEST_P(TcpClient, ADeadPlcIsNotHammeredReconnectsWaitOutTheBackoff) {
    // given: nothing listens any more, and the first reconnect may only come 2 s after a failure
    auto o = options(std::chrono::milliseconds(100));
    o.retries = 0;
    o.reconnect_backoff_initial = std::chrono::milliseconds(2000);
    sim.stop();
    auto transport = std::make_unique<plc::TcpTransport>(io.get_executor(), o);
    plc::TcpTransport* raw = transport.get();
    PlcClient c(io.get_executor(), std::move(transport), o);
    // when
    auto first = run_on(io, c.read(MemoryAddress{Area::dm, 0}, 1));
    auto second = run_on(io, c.read(MemoryAddress{Area::dm, 0}, 1));
    // then: the first attempt was refused; the second did not even try to connect
    ASSERT_FALSE(first.ok());
    EXPECT_EQ(first.error().code, plc::Errc::unreachable);
    ASSERT_FALSE(second.ok());
    EXPECT_NE(second.error().message().find("reconnect backoff"), std::string::npos) << second.error().message();
    EXPECT_EQ(raw->connects(), 0U);
}

TEST_P(TcpClient, NodeZeroIsAssignedFromThePlcsPool) {
    auto o = options();
    o.client_node = 0;
    auto c = client(o);
    ASSERT_TRUE(run_on(io, c->read_clock()).ok());
    EXPECT_GE(c->transport().nodes().client, 239);
    EXPECT_EQ(c->transport().nodes().plc, 1);
}

TEST_P(TcpClient, ASecondConnectionWithTheSameNodeIsRefusedWithTheReason) {
    auto first = client();
    ASSERT_TRUE(run_on(io, first->read_clock()).ok());
    auto o = options(std::chrono::milliseconds(200));
    o.retries = 0;
    auto second = client(o);
    auto refused = run_on(io, second->read_clock());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, plc::Errc::handshake_failed);
    EXPECT_NE(refused.error().message().find("already connected"), std::string::npos) << refused.error().message();
}

INSTANTIATE_TEST_SUITE_P(Tcp, TcpClient, ::testing::Values(TransportKind::tcp),
                         [](const ::testing::TestParamInfo<TransportKind>&) { return std::string("tcp"); });

}  // namespace
}  // namespace plcbridge

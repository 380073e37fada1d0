// The simulated PLC program on raw memory: takes a released queue, runs it, fails the chosen slot,
// waits for the acknowledgements, and becomes ready again.
#include "plcbridge/sim/batch_runner.hpp"

#include <gtest/gtest.h>

namespace plcbridge::sim {
namespace {

constexpr fins::Area kDm = fins::Area::dm;

/// A WRITE slot as the middleware writes it: batch_no, silo101 (id 101) and lq114 (id 114) targets.
void queue_slot(SimulatedPlc& plc, int slot, std::uint16_t silo_hundredths, std::uint16_t tank_hundredths) {
    std::vector<std::uint16_t> w(77, 0);
    w[0] = static_cast<std::uint16_t>(slot);
    w[27] = 101;
    w[29] = silo_hundredths;  // low word of the DINT at 28..29
    w[66] = 114;
    w[68] = tank_hundredths;
    if (slot == 1) w[76] = 1;  // D7076: the middleware holds the handshake until the whole queue is in
    plc.set_words(kDm, static_cast<std::uint16_t>(7000 + 100 * (slot - 1)), w);
}

std::uint16_t read_word(const SimulatedPlc& plc, int slot, int offset) {
    return plc.word(kDm, static_cast<std::uint16_t>(6000 + 100 * (slot - 1) + offset));
}

TEST(BatchRunner, RunsAReleasedQueueFailsTheChosenSlotAndIsReadyAgainOnceAcknowledged) {
    SimulatedPlc plc;
    BatchRunner runner(plc, {10, 25, 2, 2});
    EXPECT_EQ(plc.word(kDm, 7076), 1) << "ready for a queue";
    queue_slot(plc, 1, 10000, 400);
    queue_slot(plc, 2, 5000, 0);
    EXPECT_TRUE(runner.tick().empty()) << "not released yet: D7076 is still 1";

    plc.set_word(kDm, 7076, 0);  // the middleware releases the queue
    auto taken = runner.tick();
    ASSERT_EQ(taken.size(), 1U);
    EXPECT_EQ(taken[0].kind, RunnerEvent::Kind::queue_taken);
    EXPECT_EQ(read_word(plc, 1, 0), 1) << "batch 1 appears in its READ slot";
    EXPECT_EQ(read_word(plc, 1, 29), 0) << "with nothing consumed yet";
    EXPECT_EQ(read_word(plc, 3, 0), 0) << "an unused slot stays empty";

    runner.tick();  // 25 %
    EXPECT_EQ(read_word(plc, 1, 29), 2500);
    EXPECT_EQ(read_word(plc, 1, 68), 100);
    runner.tick();  // 50 %: slot 2 fails half way
    EXPECT_EQ(read_word(plc, 2, 73), 1);
    runner.tick();
    runner.tick();  // 100 %
    EXPECT_EQ(read_word(plc, 1, 72), 1) << "finished";
    EXPECT_EQ(read_word(plc, 1, 29), 10000);
    EXPECT_EQ(read_word(plc, 1, 75), 10400) << "weight = everything consumed";
    EXPECT_EQ(read_word(plc, 2, 29), 2500) << "the failed batch stopped";

    for (int i = 0; i < 5; ++i)
        runner.tick();
    EXPECT_TRUE(runner.running()) << "waits for the middleware's acknowledgement";
    plc.set_word(kDm, 6076, 1);  // Task 2 stored it and acknowledges
    runner.tick();
    EXPECT_TRUE(runner.running()) << "settling";
    auto done = runner.tick();
    ASSERT_FALSE(done.empty());
    EXPECT_EQ(done.back().kind, RunnerEvent::Kind::queue_done);
    EXPECT_FALSE(runner.running());
    EXPECT_EQ(plc.word(kDm, 7076), 1) << "ready for the next queue";
    EXPECT_EQ(read_word(plc, 1, 0), 0);
    EXPECT_EQ(plc.word(kDm, 7000), 0);
}

}  // namespace
}  // namespace plcbridge::sim

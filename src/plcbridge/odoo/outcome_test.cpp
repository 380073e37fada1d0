#include "plcbridge/odoo/outcome.hpp"

#include <gtest/gtest.h>

namespace plcbridge::odoo {
namespace {

TEST(OdooOutcome, TheModulesOwnMessagesAreFinalAndAnythingElseIsNot) {
    EXPECT_EQ(known_final_message("Cannot cancel MO \"WH/MO/00011\" in state \"done\""), Errc::refused);
    EXPECT_EQ(known_final_message("Cannot update MO \"WH/MO/00011\" in state \"cancel\""), Errc::refused);
    EXPECT_EQ(known_final_message("MO not found: WH/MO/99999"), Errc::not_found);
    EXPECT_EQ(known_final_message("Manufacturing Order \"WH/MO/99999\" not found"), Errc::not_found);
    EXPECT_EQ(known_final_message("Equipment \"silo999\" not found"), Errc::not_found);
    EXPECT_EQ(known_final_message("No finished product move found for this MO"), Errc::refused);
    EXPECT_EQ(known_final_message("mo_id is required"), Errc::refused);
    // What the module's catch-all turns a passing database fault into: not a decision about the MO.
    EXPECT_EQ(known_final_message("could not serialize access due to concurrent update"), std::nullopt);
    EXPECT_EQ(known_final_message("deadlock detected"), std::nullopt);
    EXPECT_EQ(known_final_message("server closed the connection unexpectedly"), std::nullopt);
    EXPECT_EQ(known_final_message("Cannot cancel MO"), std::nullopt) << "a prefix alone is not the message";
}

TEST(OdooOutcome, UnknownErrorsAreRetriedABoundedNumberOfTimes) {
    const RetryPolicy policy{3};
    const Error unknown = make_error(Errc::unrecognised, "could not serialize access due to concurrent update");
    const Error access = make_error(Errc::server_error, "AccessError");
    const Error refused = make_error(Errc::refused, "Cannot cancel MO \"X\" in state \"done\"");
    const Error timeout = make_error(Errc::transient, "timed out");
    for (int attempts = 0; attempts < 3; ++attempts) {
        EXPECT_EQ(verdict_of(unknown, attempts, policy), Verdict::retry) << attempts;
        EXPECT_EQ(verdict_of(access, attempts, policy), Verdict::retry) << attempts;
    }
    EXPECT_EQ(verdict_of(unknown, 3, policy), Verdict::final);
    EXPECT_EQ(verdict_of(access, 3, policy), Verdict::needs_attention);
    EXPECT_EQ(verdict_of(refused, 0, policy), Verdict::final) << "a known refusal at once";
    EXPECT_EQ(verdict_of(timeout, 1000, policy), Verdict::retry) << "Odoo down is waited out, never given up";
    EXPECT_TRUE(odoo_answered(unknown));
    EXPECT_FALSE(odoo_answered(timeout));
    EXPECT_EQ(odoo_text(unknown), "could not serialize access due to concurrent update");
}

}  // namespace
}  // namespace plcbridge::odoo

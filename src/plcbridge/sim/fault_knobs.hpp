#pragma once
/// What the simulated PLC does wrong on purpose, set from tests or from plc-sim flags. Counters
/// count down per request; zero means off.

#include <chrono>
#include <cstdint>
#include <optional>

#include "plcbridge/fins/end_code.hpp"

namespace plcbridge::sim {

struct FaultKnobs {
    int pass_requests = 0;      ///< serve the next N requests normally before the faults below apply
    int drop_requests = 0;      ///< ignore the next N requests entirely (not executed, no reply)
    int lose_replies = 0;       ///< execute the next N requests but send no reply
    int duplicate_replies = 0;  ///< send the next N replies twice
    int delay_replies = 0;      ///< delay the next N replies by reply_delay (-1 = every reply)
    std::chrono::milliseconds reply_delay{0};
    std::optional<fins::EndCode> forced_end_code;  ///< answer with this code without executing...
    int forced_end_code_count = 0;                 ///< ...for the next N requests (-1 = every request)
    bool split_tcp_writes = false;                 ///< send TCP replies a few bytes at a time
};

}  // namespace plcbridge::sim

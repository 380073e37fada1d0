#pragma once
/// Task 4's judgement, pure: which active batches an operator must look at, and why. The queue can
/// never stall silently: a batch the PLC has not moved for `stuck_after`, a finished batch whose
/// report Odoo would not take, a cancel Odoo refused — each is a concern with a sentence.

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "plcbridge/store/records.hpp"

namespace plcbridge::tasks {

struct BatchConcern {
    std::int64_t batch_id = 0;
    int batch_no = 0;
    std::string mo_id;
    std::string key;   ///< stable per episode: "stuck", "no_read", "job:<id>:<state>"
    std::string text;  ///< for the operator
};

[[nodiscard]] std::vector<BatchConcern> assess_batch(const store::Batch& batch, std::span<const store::Job> jobs,
                                                     store::TimePoint now, std::chrono::seconds stuck_after);

}  // namespace plcbridge::tasks

#pragma once
/// Why a scheduled run failed when no lower layer's error says it: a body that threw (a bug), a
/// run that could not wait for its turn, Odoo not answering a worker's calls.

#include <system_error>

namespace plcbridge::service {

enum class Errc {
    unexpected_exception = 1,  ///< an exception escaped a task body: a bug, logged; the task keeps its schedule
    too_many_waiting,          ///< more runs of one task waiting for it than the lock admits
    odoo_down,                 ///< the worker's Odoo calls fail: its jobs wait, retried with backoff
};

const std::error_category& service_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), service_category()};
}

}  // namespace plcbridge::service

template <>
struct std::is_error_code_enum<plcbridge::service::Errc> : std::true_type {};

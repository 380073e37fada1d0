#pragma once
/// The error value that travels on every data path: a machine-checkable code plus a human detail
/// that says what failed, where, and (when we know) what to do about it.

#include <string>
#include <system_error>
#include <utility>

namespace plcbridge {

struct Error {
    std::error_code code;
    /// What failed and where, e.g. "memory area read D6000 x77 from 10.0.0.5:9600". Never empty
    /// when produced by plcbridge code.
    std::string detail;

    /// "<code message>: <detail>" — the line an operator reads.
    [[nodiscard]] std::string message() const {
        if (detail.empty()) return code.message();
        return code.message() + ": " + detail;
    }
};

template <class E>
[[nodiscard]] Error make_error(E e, std::string detail) {
    return Error{make_error_code(e), std::move(detail)};
}

}  // namespace plcbridge

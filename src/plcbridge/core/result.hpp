#pragma once
/// Result<T>: a value or an Error. GCC 12 has no std::expected; this is the small subset we need.
/// Errors are values on the data path (docs/DESIGN.md "Errors"): nothing here throws except value()
/// on an error, which is a programming bug and reported as such.

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "plcbridge/core/error.hpp"

namespace plcbridge {

template <class T>
class [[nodiscard]] Result {
  public:
    // Implicit on purpose: `return value;` and `return error;` both read naturally.
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    [[nodiscard]] T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    [[nodiscard]] const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    /// By value, not T&&: `for (auto& x : f().value())` must not dangle.
    [[nodiscard]] T value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const& {
        assert(!ok());
        return std::get<1>(state_);
    }
    [[nodiscard]] Error&& error() && {
        assert(!ok());
        return std::get<1>(std::move(state_));
    }

  private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}  // NOLINT

    [[nodiscard]] bool ok() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return ok(); }

    [[nodiscard]] const Error& error() const& {
        assert(!ok());
        return *error_;
    }
    [[nodiscard]] Error&& error() && {
        assert(!ok());
        return std::move(*error_);
    }

  private:
    std::optional<Error> error_;
};

/// Whether `result` went well, without its value: for decisions that need only that.
template <class T>
[[nodiscard]] Result<void> outcome_of(const Result<T>& result) {
    if (result) return {};
    return result.error();
}

}  // namespace plcbridge

#pragma once
/// An std::error_category for an error enum: a name and a message per value. Each module keeps only
/// its message table (a describe function); this is the rest of the category.

#include <string>
#include <string_view>
#include <system_error>

namespace plcbridge {

template <class E>
class EnumErrorCategory final : public std::error_category {
  public:
    using Describe = std::string_view (*)(E) noexcept;

    EnumErrorCategory(const char* name, Describe describe) noexcept : name_(name), describe_(describe) {}

    const char* name() const noexcept override { return name_; }
    std::string message(int value) const override {
        const std::string_view text = describe_(static_cast<E>(value));
        if (text.empty()) return std::string(name_) + " error " + std::to_string(value);
        return std::string(text);
    }

  private:
    const char* name_;
    Describe describe_;
};

}  // namespace plcbridge

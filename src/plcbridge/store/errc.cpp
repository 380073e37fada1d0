#include "plcbridge/store/errc.hpp"

#include <string>

namespace plcbridge::store {
namespace {

class StoreCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "store"; }
    std::string message(int value) const override {
        switch (static_cast<Errc>(value)) {
            case Errc::bad_url: return "invalid database URL";
            case Errc::unavailable: return "database unavailable";
            case Errc::busy: return "database busy";
            case Errc::constraint: return "database constraint refused the change";
            case Errc::not_found: return "not found in the database";
            case Errc::conflict: return "conflicting database state";
            case Errc::schema: return "database schema problem";
            case Errc::query: return "database query failed";
        }
        return "unknown store error " + std::to_string(value);
    }
};

}  // namespace

const std::error_category& store_category() noexcept {
    static const StoreCategory category;
    return category;
}

}  // namespace plcbridge::store

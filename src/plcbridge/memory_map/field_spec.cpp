#include "plcbridge/memory_map/field_spec.hpp"

#include <array>
#include <cctype>

namespace plcbridge::memory_map {
namespace {

struct TypeName {
    std::string_view name;
    DataType type;
};
constexpr std::array kTypeNames{
    TypeName{"BOOL", DataType::boolean}, TypeName{"BOOLEAN", DataType::boolean}, TypeName{"INT", DataType::int16},
    TypeName{"UINT", DataType::uint16},  TypeName{"DINT", DataType::int32},      TypeName{"UDINT", DataType::uint32},
    TypeName{"REAL", DataType::real32},  TypeName{"ASCII", DataType::ascii},     TypeName{"BCD", DataType::bcd},
};

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view type_name(DataType type) noexcept {
    switch (type) {
        case DataType::boolean: return "BOOL";
        case DataType::int16: return "INT";
        case DataType::uint16: return "UINT";
        case DataType::int32: return "DINT";
        case DataType::uint32: return "UDINT";
        case DataType::real32: return "REAL";
        case DataType::ascii: return "ASCII";
        case DataType::bcd: return "BCD";
    }
    return "?";
}

std::optional<DataType> parse_type(std::string_view text) noexcept {
    for (const auto& t : kTypeNames) {
        if (iequals(t.name, text)) return t.type;
    }
    return std::nullopt;
}

std::optional<std::uint16_t> fixed_words(DataType type) noexcept {
    switch (type) {
        case DataType::int32:
        case DataType::uint32:
        case DataType::real32: return 2;
        case DataType::ascii: return std::nullopt;
        default: return 1;
    }
}

bool is_key_field(std::string_view key) noexcept {
    return key == "batch_no" || key == "mo_id" || key == "status_manufacturing" || key == "status_operation" ||
           key == "status_read_data" || (key.size() > 3 && key.substr(key.size() - 3) == "_id");
}

TextOverflow default_overflow(std::string_view key) noexcept {
    return key == "mo_id" ? TextOverflow::refuse : TextOverflow::truncate;
}

}  // namespace plcbridge::memory_map

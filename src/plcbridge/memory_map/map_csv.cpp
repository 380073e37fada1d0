#include "plcbridge/memory_map/map_csv.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "plcbridge/core/decimal.hpp"
#include "plcbridge/core/text_file.hpp"
#include "plcbridge/fins/address.hpp"
#include "plcbridge/memory_map/csv.hpp"
#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {
namespace {

enum Column { kKey, kDescription, kAddress, kType, kScale, kOrder, kExpected, kMin, kMax, kOverflow, kColumns };

struct ColumnName {
    Column column;
    std::string_view name;
};
// Our names first; the existing system's spellings as aliases.
constexpr std::array kColumnNames{
    ColumnName{kKey, "informasi"},
    ColumnName{kDescription, "keterangan"},
    ColumnName{kAddress, "memory address"},
    ColumnName{kAddress, "dm - memory"},
    ColumnName{kAddress, "dm"},
    ColumnName{kType, "data type"},
    ColumnName{kScale, "scale"},
    ColumnName{kOrder, "word order"},
    ColumnName{kExpected, "expected"},
    ColumnName{kMin, "min"},
    ColumnName{kMax, "max"},
    ColumnName{kOverflow, "overflow"},
};

std::string normalise(std::string_view text) {
    std::string out;
    for (char c : text)
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    const auto first = out.find_first_not_of(" \t\xEF\xBB\xBF");  // also a UTF-8 BOM from spreadsheets
    const auto last = out.find_last_not_of(" \t");
    return first == std::string::npos ? std::string{} : out.substr(first, last - first + 1);
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

template <class T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<double> parse_double(std::string_view text) {
    if (auto d = Decimal::parse(text, 10000)) return d->to_double();
    return std::nullopt;
}

bool is_identifier(std::string_view key) {
    if (key.empty()) return false;
    for (char c : key) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return true;
}

}  // namespace

Result<AddressRange> parse_address_range(std::string_view text) {
    text = trim(text);
    const auto dash = text.find('-');
    auto first = fins::parse_address(text.substr(0, dash));
    if (!first || first->area != fins::Area::dm || first->access != fins::Access::word) {
        return make_error(
            Errc::bad_field,
            fmt::format("memory address '{}' is not a DM word or range (e.g. D6073 or D6001-6008)", text));
    }
    AddressRange range{first->word, 1};
    if (dash != std::string_view::npos) {
        std::string_view last_text = trim(text.substr(dash + 1));
        if (!last_text.empty() && (last_text[0] == 'D' || last_text[0] == 'd')) last_text.remove_prefix(1);
        auto last = parse_number<unsigned>(last_text);
        if (!last || *last < first->word) {
            return make_error(Errc::bad_field,
                              fmt::format("memory address range '{}' does not end at or after its start", text));
        }
        if (*last > 32767)
            return make_error(Errc::bad_field, fmt::format("memory address range '{}' ends beyond D32767", text));
        range.words = static_cast<std::uint16_t>(*last - first->word + 1);
    }
    if (range.first + range.words > 32768) {
        return make_error(Errc::bad_field,
                          fmt::format("memory address '{}' is beyond D32767 (the CJ2M's DM area)", text));
    }
    return range;
}

namespace {

/// Which CSV column holds each map column (-1: absent), from the header line.
using ColumnIndex = std::array<int, kColumns>;

Result<ColumnIndex> read_header(const CsvRow& header, const std::string& origin) {
    ColumnIndex column{};
    column.fill(-1);
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string name = normalise(header.cells[i]);
        for (const auto& c : kColumnNames) {
            if (c.name == name && column[c.column] < 0) column[c.column] = static_cast<int>(i);
        }
    }
    for (Column required : {kKey, kAddress, kType}) {
        if (column[required] >= 0) continue;
        return make_error(Errc::bad_map_file,
                          fmt::format("{} line 1: the header lacks '{}' (expected Informasi,Keterangan,Memory "
                                      "Address,Data Type[,Scale,Word Order,Expected,Min,Max,Overflow])",
                                      origin,
                                      required == kKey       ? "Informasi"
                                      : required == kAddress ? "Memory Address"
                                                             : "Data Type"));
    }
    return column;
}

/// One map line's cells by map column, trimmed; an absent column or cell is empty.
class RowCells {
  public:
    RowCells(const CsvRow& row, const ColumnIndex& column) : row_(row), column_(column) {}
    std::string_view operator()(Column c) const {
        const int i = column_[c];
        return i >= 0 && static_cast<std::size_t>(i) < row_.cells.size() ? trim(row_.cells[static_cast<std::size_t>(i)])
                                                                         : std::string_view{};
    }

  private:
    const CsvRow& row_;
    const ColumnIndex& column_;
};

Error bad_field(std::string why) {
    return make_error(Errc::bad_field, std::move(why));
}

/// Key, description, address and data type: what every field has.
Result<void> read_identity(const RowCells& cell, FieldSpec& f) {
    f.key = std::string(cell(kKey));
    if (!is_identifier(f.key)) {
        return bad_field(
            fmt::format("Informasi '{}' is not a key (letters, digits and _ only); "
                        "`plcbridge map import` converts the existing system's maps",
                        f.key));
    }
    f.description = std::string(cell(kDescription));
    f.key_field = is_key_field(f.key);
    auto range = parse_address_range(cell(kAddress));
    if (!range) return std::move(range).error();
    f.address = range->first;
    f.words = range->words;
    auto type = parse_type(cell(kType));
    if (!type) {
        return bad_field(
            fmt::format("unknown data type '{}' (BOOL, INT, UINT, DINT, UDINT, REAL, ASCII, BCD)", cell(kType)));
    }
    f.type = *type;
    if (auto words = fixed_words(f.type); words && *words != f.words) {
        return bad_field(fmt::format("'{}' is {} but spans {} word(s) ({} takes {})", f.key, type_name(f.type), f.words,
                                     type_name(f.type), *words));
    }
    return {};
}

Result<void> read_scale(const RowCells& cell, FieldSpec& f) {
    if (std::string_view scale = cell(kScale); !scale.empty()) {
        auto s = parse_double(scale);
        if (!s || *s < 1 || *s > 10000 || !is_valid_scale(static_cast<std::uint32_t>(*s)) ||
            static_cast<double>(static_cast<std::uint32_t>(*s)) != *s) {
            return bad_field(fmt::format("scale '{}' must be 1, 10, 100, 1000 or 10000", scale));
        }
        f.scale = static_cast<std::uint32_t>(*s);
    }
    if (f.scale != 1 && (f.type == DataType::boolean || f.type == DataType::ascii))
        return bad_field(fmt::format("{} '{}' cannot have a scale", type_name(f.type), f.key));
    if (f.scale != 1 && f.type == DataType::real32) {
        return bad_field(
            "REAL here is IEEE 754; the existing system's scaled 'REAL' is a 32-bit integer: write DINT "
            "with Scale 100 and Word Order HL (`plcbridge map import` converts its maps)");
    }
    return {};
}

Result<void> read_word_order(const RowCells& cell, FieldSpec& f) {
    const std::string order = normalise(cell(kOrder));
    const bool is32 = f.type == DataType::int32 || f.type == DataType::uint32 || f.type == DataType::real32;
    if (order.empty()) {
        f.order = is32 ? WordOrder::low_first : WordOrder::high_first;  // Omron's native orders
        return {};
    }
    if (order == "hl") {
        f.order = WordOrder::high_first;
    } else if (order == "lh") {
        f.order = WordOrder::low_first;
    } else {
        return bad_field(fmt::format("word order '{}' must be HL or LH", cell(kOrder)));
    }
    if (!is32 && f.type != DataType::ascii)
        return bad_field(fmt::format("word order applies to 32-bit and ASCII fields, not {}", type_name(f.type)));
    return {};
}

/// Expected, Min and Max: the plausibility checks of a decoded value.
Result<void> read_checks(const RowCells& cell, FieldSpec& f) {
    if (std::string_view expected = cell(kExpected); !expected.empty()) {
        if (normalise(expected) == "slot") {
            f.expected_is_slot = true;
        } else if (auto e = parse_number<std::int64_t>(expected)) {
            f.expected = *e;
        } else {
            return bad_field(fmt::format("Expected '{}' must be a whole number or 'slot'", expected));
        }
        if (!is_integer(f.type))
            return bad_field(fmt::format("Expected applies to integer fields, not {}", type_name(f.type)));
    }
    for (auto [c, target] : {std::pair{kMin, &f.min}, std::pair{kMax, &f.max}}) {
        std::string_view v = cell(c);
        if (v.empty()) continue;
        auto d = parse_double(v);
        if (!d) return bad_field(fmt::format("{} '{}' is not a number", c == kMin ? "Min" : "Max", v));
        *target = *d;
    }
    if (f.min && f.max && *f.min > *f.max) return bad_field(fmt::format("Min {} is above Max {}", *f.min, *f.max));
    return {};
}

Result<void> read_overflow(const RowCells& cell, FieldSpec& f) {
    f.overflow = default_overflow(f.key);
    const std::string overflow = normalise(cell(kOverflow));
    if (overflow.empty()) return {};
    if (f.type != DataType::ascii)
        return bad_field(fmt::format("Overflow applies to ASCII fields, not {}", type_name(f.type)));
    if (overflow == "truncate") {
        f.overflow = TextOverflow::truncate;
    } else if (overflow == "refuse") {
        f.overflow = TextOverflow::refuse;
    } else {
        return bad_field(fmt::format("Overflow '{}' must be truncate or refuse", cell(kOverflow)));
    }
    return {};
}

/// One map line as a field; the error's detail says what is wrong with it.
Result<FieldSpec> read_field(const RowCells& cell, int line) {
    FieldSpec f;
    f.source_line = line;
    for (auto step : {&read_identity, &read_scale, &read_word_order, &read_checks, &read_overflow}) {
        if (auto read = step(cell, f); !read) return std::move(read).error();
    }
    return f;
}

}  // namespace

Result<MemoryMap> parse_map_csv(std::string_view text, std::string origin) {
    auto parsed = parse_csv(text);
    if (!parsed) return make_error(Errc::bad_map_file, fmt::format("{} {}", origin, parsed.error().detail));
    const std::vector<CsvRow>& rows = *parsed;
    if (rows.empty())
        return make_error(Errc::bad_map_file, origin + ": empty file (expected a header line and fields)");
    auto column = read_header(rows[0], origin);
    if (!column) return std::move(column).error();

    std::vector<FieldSpec> fields;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        auto field = read_field(RowCells(rows[r], *column), rows[r].line);
        if (!field) {
            return make_error(Errc::bad_field,
                              fmt::format("{} line {}: {}", origin, rows[r].line, field.error().detail));
        }
        fields.push_back(std::move(*field));
    }
    return MemoryMap::create(std::move(fields), std::move(origin));
}

Result<MemoryMap> load_map_csv(const std::string& path) {
    TextFile file = read_text_file(path);
    if (!file.text) {
        return make_error(Errc::bad_map_file,
                          fmt::format("{}: cannot open ({}); check [memory_map] in the configuration", path, file.why));
    }
    return parse_map_csv(*file.text, path);
}

std::string write_map_csv(const MemoryMap& map) {
    // The Overflow column only when a field departs from its default, so that maps stay as they were.
    const bool overflow_column = std::any_of(map.fields().begin(), map.fields().end(), [](const FieldSpec& f) {
        return f.type == DataType::ascii && f.overflow != default_overflow(f.key);
    });
    std::string out = "Informasi,Keterangan,Memory Address,Data Type,Scale,Word Order,Expected,Min,Max";
    out += overflow_column ? ",Overflow\n" : "\n";
    auto number = [](std::optional<double> v) {
        if (!v) return std::string{};
        auto d = Decimal::from_double(*v, 10000);
        std::string text = d ? d->to_string() : std::string{};
        while (text.find('.') != std::string::npos && (text.back() == '0' || text.back() == '.')) {
            const bool dot = text.back() == '.';
            text.pop_back();
            if (dot) break;
        }
        return text;
    };
    for (const FieldSpec& f : map.fields()) {
        const bool is32 = f.type == DataType::int32 || f.type == DataType::uint32 || f.type == DataType::real32;
        std::string address =
            f.words == 1 ? fmt::format("D{}", f.address) : fmt::format("D{}-{}", f.address, f.end() - 1);
        const std::string_view order = !(is32 || f.type == DataType::ascii) ? ""
                                       : f.order == WordOrder::high_first   ? "HL"
                                                                            : "LH";
        std::string expected = f.expected_is_slot ? "slot" : f.expected ? std::to_string(*f.expected) : "";
        out += fmt::format("{},{},{},{},{},{},{},{},{}", f.key, csv_cell(f.description), address, type_name(f.type),
                           f.scale == 1 ? std::string{} : std::to_string(f.scale), order, expected, number(f.min),
                           number(f.max));
        if (overflow_column) {
            out += f.type != DataType::ascii ? "," : f.overflow == TextOverflow::truncate ? ",truncate" : ",refuse";
        }
        out += "\n";
    }
    return out;
}

}  // namespace plcbridge::memory_map

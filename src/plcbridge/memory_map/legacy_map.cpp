#include "plcbridge/memory_map/legacy_map.hpp"

#include <cctype>
#include <cmath>
#include <regex>

#include <fmt/format.h>

#include "plcbridge/core/decimal.hpp"
#include "plcbridge/memory_map/errc.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::memory_map {
namespace {

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s)
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

std::string slug(std::string_view s) {
    std::string out;
    for (char c : lower(s)) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out.push_back(c);
        } else if (!out.empty() && out.back() != '_') {
            out.push_back('_');
        }
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out.empty() ? "field" : out;
}

/// The clock fields of the failure block: BCD that decodes outside these is not a time.
std::optional<std::pair<double, double>> plausible_range(std::string_view key) {
    struct Range {
        std::string_view key;
        double min;
        double max;
    };
    static constexpr Range kRanges[] = {{"year", 2000, 2099}, {"month", 1, 12},  {"day", 1, 31},
                                        {"hour", 0, 23},      {"minute", 0, 59}, {"second", 0, 59}};
    for (const auto& r : kRanges) {
        if (r.key == key) return std::pair{r.min, r.max};
    }
    return std::nullopt;
}

}  // namespace

std::string legacy_key(std::string_view informasi) {
    const std::string name = lower(informasi);
    static const std::regex kEquipment(R"(^\s*(silo|lq)\s+id\s+(\d+)(.*)$)");
    std::smatch m;
    if (std::regex_match(name, m, kEquipment)) {
        const std::string code = m[1].str() + m[2].str();
        return m[3].str().find("consumption") != std::string::npos ? code + "_consumption" : code + "_id";
    }
    struct Alias {
        std::string_view legacy;
        std::string_view key;
    };
    static constexpr Alias kAliases[] = {
        {"batch", "batch_no"},
        {"no-mo", "mo_id"},
        {"no-bom", "bom"},
        {"finished_goods", "finished_goods"},
        {"quantity goods_id", "quantity"},
        {"status manufaturing", "status_manufacturing"},  // sic: the existing maps' spelling
        {"status manufacturing", "status_manufacturing"},
        {"status operation", "status_operation"},
        {"weight_finished_good", "weight_finished_good"},
        {"status_read_data", "status_read_data"},
        {"equipment_code", "equipment_code"},
        {"info", "info"},
    };
    for (const auto& a : kAliases) {
        if (name == a.legacy) return std::string(a.key);
    }
    return slug(name);
}

Result<MemoryMap> convert_legacy(std::span<const LegacyEntry> entries, std::string origin) {
    std::vector<FieldSpec> fields;
    int index = 0;
    for (const LegacyEntry& e : entries) {
        ++index;
        auto fail = [&](Errc code, const std::string& why) {
            return make_error(code, fmt::format("{} entry {} ('{}'): {}", origin, index, e.informasi, why));
        };
        FieldSpec f;
        f.source_line = index;
        f.key = legacy_key(e.informasi);
        f.key_field = is_key_field(f.key);
        f.description = e.informasi + (e.sample.empty() ? "" : " (e.g. " + e.sample + ")");
        auto range = parse_address_range(e.address);
        if (!range) return fail(Errc::bad_field, range.error().detail);
        f.address = range->first;
        f.words = range->words;

        const std::string type = lower(e.data_type);
        const double scale = e.scale.value_or(1.0) == 0 ? 1.0 : e.scale.value_or(1.0);
        if (type == "real") {
            // The existing system's REAL: raw = value x scale as a 32-bit integer, high word first.
            if (f.words != 2)
                return fail(Errc::bad_field, fmt::format("REAL over {} word(s); only 2 is supported", f.words));
            f.type = DataType::int32;
            f.order = WordOrder::high_first;
        } else if (type == "int") {
            if (f.words > 2) return fail(Errc::bad_field, fmt::format("INT over {} words", f.words));
            f.type = f.words == 2 ? DataType::int32 : DataType::int16;
            f.order = WordOrder::high_first;
        } else if (type == "boolean" || type == "bool") {
            if (f.words != 1) return fail(Errc::bad_field, "a boolean takes exactly one word");
            f.type = DataType::boolean;
        } else if (type == "ascii") {
            f.type = DataType::ascii;
        } else if (type == "bcd") {
            if (f.words != 1) return fail(Errc::bad_field, "BCD takes exactly one word");
            f.type = DataType::bcd;
        } else {
            return fail(Errc::bad_field,
                        fmt::format("unknown data type '{}' (REAL, INT, boolean, ASCII, BCD)", e.data_type));
        }
        if (is_integer(f.type) && f.type != DataType::bcd) {
            if (std::round(scale) != scale || !is_valid_scale(static_cast<std::uint32_t>(scale))) {
                return fail(Errc::bad_field, fmt::format("scale {} is not 1, 10, 100, 1000 or 10000", scale));
            }
            f.scale = static_cast<std::uint32_t>(scale);
        }
        // The checks the existing system applied as silent repairs become strict expectations.
        if (f.key == "batch_no") f.expected_is_slot = true;
        // Equipment ids ("silo101_id", "lq114_id") must hold the number in their code.
        static const std::regex kEquipmentId(R"(^[a-z]+(\d+)_id$)");
        if (std::smatch id; std::regex_match(f.key, id, kEquipmentId)) f.expected = std::stoll(id[1].str());
        if (auto plausible = plausible_range(f.key)) {
            f.min = plausible->first;
            f.max = plausible->second;
        } else if (f.key.ends_with("_consumption")) {
            f.min = 0;
            f.max = 100000;
        } else if (f.key == "quantity" || f.key == "weight_finished_good") {
            f.min = 0;
            f.max = 1000000;
        }
        fields.push_back(std::move(f));
    }
    return MemoryMap::create(std::move(fields), std::move(origin));
}

Result<int> legacy_slot_stride(std::span<const std::vector<LegacyEntry>> slots, const std::string& origin) {
    if (slots.size() < 2) return 0;
    auto first_word = [](const LegacyEntry& e) -> long {
        auto r = parse_address_range(e.address);
        return r ? long{r->first} : -1;
    };
    const long stride = first_word(slots[1].front()) - first_word(slots[0].front());
    for (std::size_t s = 1; s < slots.size(); ++s) {
        if (slots[s].size() != slots[0].size()) {
            return make_error(Errc::bad_map_file, fmt::format("{}: slot {} has {} entries, slot 1 has {}", origin,
                                                              s + 1, slots[s].size(), slots[0].size()));
        }
        for (std::size_t i = 0; i < slots[0].size(); ++i) {
            const LegacyEntry& a = slots[0][i];
            const LegacyEntry& b = slots[s][i];
            const long shift = first_word(b) - first_word(a);
            if (legacy_key(a.informasi) != legacy_key(b.informasi) || shift != stride * static_cast<long>(s)) {
                return make_error(
                    Errc::bad_map_file,
                    fmt::format("{}: slot {} entry {} ('{}' at {}) is not slot 1's '{}' at {} shifted by {} words",
                                origin, s + 1, i + 1, b.informasi, b.address, a.informasi, a.address,
                                stride * static_cast<long>(s)));
            }
        }
    }
    return static_cast<int>(stride);
}

}  // namespace plcbridge::memory_map

#include "plcbridge/memory_map/memory_map.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {

Result<MemoryMap> MemoryMap::create(std::vector<FieldSpec> fields, std::string origin) {
    if (fields.empty()) return make_error(Errc::bad_map_file, origin + ": the map has no fields");
    std::sort(fields.begin(), fields.end(),
              [](const FieldSpec& a, const FieldSpec& b) { return a.address < b.address; });
    for (std::size_t i = 0; i < fields.size(); ++i) {
        for (std::size_t j = i + 1; j < fields.size(); ++j) {
            if (fields[i].key == fields[j].key) {
                return make_error(Errc::duplicate_key,
                                  fmt::format("{}: key '{}' on line {} and again on line {}", origin, fields[i].key,
                                              std::min(fields[i].source_line, fields[j].source_line),
                                              std::max(fields[i].source_line, fields[j].source_line)));
            }
        }
        if (i + 1 < fields.size() && fields[i + 1].address < fields[i].end()) {
            const FieldSpec& a = fields[i];
            const FieldSpec& b = fields[i + 1];
            return make_error(Errc::overlapping_fields,
                              fmt::format("{}: '{}' (line {}, D{}-{}) and '{}' (line {}, D{}-{}) share D{}", origin,
                                          a.key, a.source_line, a.address, a.end() - 1, b.key, b.source_line, b.address,
                                          b.end() - 1, b.address));
        }
    }
    MemoryMap map;
    map.base_ = fields.front().address;
    std::uint16_t end = 0;
    for (const auto& f : fields)
        end = std::max(end, f.end());
    map.span_ = static_cast<std::uint16_t>(end - map.base_);
    map.fields_ = std::move(fields);
    map.origin_ = std::move(origin);
    constexpr std::string_view kSuffix = "_consumption";
    for (std::size_t i = 0; i < map.fields_.size(); ++i) {
        const std::string& key = map.fields_[i].key;
        if (key.size() <= kSuffix.size() || !key.ends_with(kSuffix)) continue;
        std::string code = key.substr(0, key.size() - kSuffix.size());
        const std::size_t id = map.index_of(code + "_id");
        if (id < map.fields_.size()) map.equipment_.push_back({std::move(code), id, i});
    }
    return map;
}

const FieldSpec* MemoryMap::find(std::string_view key) const noexcept {
    const std::size_t i = index_of(key);
    return i < fields_.size() ? &fields_[i] : nullptr;
}

std::size_t MemoryMap::index_of(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        if (fields_[i].key == key) return i;
    }
    return fields_.size();
}

Result<void> MemoryMap::require(std::span<const std::string_view> keys) const {
    std::vector<std::string_view> missing;
    for (auto key : keys) {
        if (find(key) == nullptr) missing.push_back(key);
    }
    if (missing.empty()) return {};
    return make_error(Errc::missing_key, fmt::format("{} lacks {} (add a row with that Informasi key)", origin_,
                                                     fmt::join(missing, ", ")));
}

std::vector<std::string> MemoryMap::equipment_codes() const {
    std::vector<std::string> codes;
    for (const Equipment& e : equipment_)
        codes.push_back(e.code);
    return codes;
}

}  // namespace plcbridge::memory_map

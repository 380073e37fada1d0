#include "plcbridge/app/map_import.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "plcbridge/app/exit_codes.hpp"
#include "plcbridge/memory_map/errc.hpp"
#include "plcbridge/memory_map/legacy_map.hpp"
#include "plcbridge/memory_map/map_csv.hpp"

namespace plcbridge::app {

using memory_map::Errc;
using memory_map::LegacyEntry;
using nlohmann::json;

namespace {

Error import_error(Errc code, std::string detail) {
    return Error{make_error_code(code), std::move(detail)};
}

std::string text_of(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

Result<std::vector<LegacyEntry>> entries_of(const json& list, const std::string& where) {
    if (!list.is_array()) return import_error(Errc::bad_map_file, where + " is not a list of fields");
    std::vector<LegacyEntry> entries;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& e = list[i];
        const std::string at = fmt::format("{} entry {}", where, i + 1);
        if (!e.is_object()) return import_error(Errc::bad_map_file, at + " is not an object");
        const json* address = e.contains("DM") ? &e["DM"] : e.contains("DM - Memory") ? &e["DM - Memory"] : nullptr;
        if (!e.contains("Informasi") || !e.contains("Data Type") || address == nullptr) {
            return import_error(Errc::bad_map_file, at + " lacks Informasi, Data Type or DM");
        }
        LegacyEntry entry{text_of(e["Informasi"]), text_of(e["Data Type"]), text_of(*address), std::nullopt,
                          e.contains("Sample") ? text_of(e["Sample"]) : std::string{}};
        if (e.contains("scale") && e["scale"].is_number()) entry.scale = e["scale"].get<double>();
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace

Result<ImportedMap> import_legacy_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return import_error(Errc::bad_map_file,
                            fmt::format("{}: cannot open ({})", path, std::generic_category().message(errno)));
    }
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded()) return import_error(Errc::bad_map_file, path + ": not valid JSON");

    std::vector<std::vector<LegacyEntry>> slots;
    static const std::regex kSlotKey(R"(^(?:BATCH_READ_|WRITE_BATCH|BATCH)(\d+)$)");
    if (doc.is_object() && doc.contains("raw_list")) {
        auto entries = entries_of(doc["raw_list"], path + " raw_list");
        if (!entries) return std::move(entries).error();
        slots.push_back(std::move(*entries));
    } else if (doc.is_array()) {
        auto entries = entries_of(doc, path);
        if (!entries) return std::move(entries).error();
        slots.push_back(std::move(*entries));
    } else if (doc.is_object()) {
        std::map<int, std::string> numbered;  // slot number -> key, in order
        for (const auto& [key, value] : doc.items()) {
            std::smatch m;
            if (std::regex_match(key, m, kSlotKey)) numbered[std::stoi(m[1].str())] = key;
        }
        if (numbered.empty()) {
            return import_error(Errc::bad_map_file, path +
                                                        ": no per-slot lists (BATCH_READ_01.., WRITE_BATCH01..) and "
                                                        "no raw_list");
        }
        int expected = 1;
        for (const auto& [number, key] : numbered) {
            if (number != expected++) {
                return import_error(Errc::bad_map_file,
                                    fmt::format("{}: slot {} is missing (found {})", path, expected - 1, key));
            }
            auto entries = entries_of(doc[key], path + " " + key);
            if (!entries) return std::move(entries).error();
            slots.push_back(std::move(*entries));
        }
    } else {
        return import_error(Errc::bad_map_file, path + ": expected an object or a list");
    }

    auto stride = memory_map::legacy_slot_stride(slots, path);
    if (!stride) return std::move(stride).error();
    auto map = memory_map::convert_legacy(slots.front(), path);
    if (!map) return std::move(map).error();
    return ImportedMap{std::move(*map), static_cast<int>(slots.size()), *stride};
}

int map_import_command(const std::string& path, const std::string& output) {
    auto imported = import_legacy_json(path);
    if (!imported) {
        std::cerr << "plcbridge: error: " << imported.error().message() << '\n';
        return kExitBadUsage;
    }
    const std::string csv = memory_map::write_map_csv(imported->map);
    if (output.empty()) {
        std::cout << csv;
    } else {
        std::ofstream out(output);
        out << csv;
        if (!out) {
            std::cerr << "plcbridge: error: cannot write " << output << '\n';
            return kExitRuntimeFailure;
        }
    }
    std::cerr << fmt::format("map import: {} fields from {}", imported->map.fields().size(), path);
    if (imported->slots > 1) {
        std::cerr << fmt::format("; {} slots, stride {}: set [memory_map] slots = {} and slot_stride = {}",
                                 imported->slots, imported->stride, imported->slots, imported->stride);
    }
    std::cerr << '\n';
    return kExitOk;
}

}  // namespace plcbridge::app

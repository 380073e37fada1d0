// `plcbridge plc slots`: the operator's "what does the PLC hold now" — every slot of an area read
// with the fewest FINS reads and decoded with the configured memory map, invalid fields with reasons.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "plcbridge/app/plc_commands.hpp"
#include "plcbridge/memory_map/default_maps.hpp"
#include "plcbridge/memory_map/read_planner.hpp"

namespace plcbridge::app {

namespace asio = boost::asio;
using memory_map::AreaKind;
using memory_map::SlotArea;
using memory_map::SlotRecord;

namespace {

Result<SlotArea> configured_area(const Config& config, AreaKind kind) {
    const MemoryMapConfig& m = config.memory_map;
    const std::string& path = kind == AreaKind::read    ? m.read_map
                              : kind == AreaKind::write ? m.write_map
                                                        : m.failure_map;
    return memory_map::load_area(kind, path, static_cast<int>(m.slots), static_cast<int>(m.slot_stride));
}

std::string address_text(const memory_map::FieldSpec& f, std::uint16_t at) {
    return f.words == 1 ? fmt::format("D{}", at) : fmt::format("D{}-{}", at, at + f.words - 1);
}

void print_text(const SlotArea& area, const std::vector<SlotRecord>& records) {
    for (const SlotRecord& r : records) {
        const std::uint16_t last = static_cast<std::uint16_t>(r.address + area.map().span() - 1);
        if (r.status == memory_map::SlotStatus::empty) {
            std::cout << fmt::format("slot {} (D{}-{}): empty (every word is 0)\n", r.slot, r.address, last);
            continue;
        }
        std::cout << fmt::format("slot {} (D{}-{}): {}\n", r.slot, r.address, last, memory_map::status_name(r.status));
        for (std::size_t i = 0; i < r.values.size(); ++i) {
            const auto& f = area.map().fields()[i];
            const auto& v = r.values[i];
            std::cout << fmt::format("  {:<22} {:<12} {}{}\n", f.key, address_text(f, area.field_address(r.slot, f)),
                                     memory_map::to_display(v.value), v.ok() ? "" : "   INVALID: " + v.issue);
        }
    }
}

void print_json(const SlotArea& area, const std::string& peer, std::size_t reads,
                const std::vector<SlotRecord>& records) {
    nlohmann::json slots = nlohmann::json::array();
    for (const SlotRecord& r : records) {
        nlohmann::json fields = nlohmann::json::object();
        for (std::size_t i = 0; i < r.values.size(); ++i) {
            const auto& f = area.map().fields()[i];
            nlohmann::json field = {{"address", address_text(f, area.field_address(r.slot, f))},
                                    {"value", memory_map::to_display(r.values[i].value)},
                                    {"ok", r.values[i].ok()}};
            if (!r.values[i].ok()) field["issue"] = r.values[i].issue;
            fields[f.key] = std::move(field);
        }
        slots.push_back({{"slot", r.slot},
                         {"address", fmt::format("D{}", r.address)},
                         {"status", memory_map::status_name(r.status)},
                         {"issues", r.issues()},
                         {"fields", std::move(fields)}});
    }
    nlohmann::json out = {{"area", area.name()}, {"plc", peer}, {"fins_reads", reads}, {"slots", std::move(slots)}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

int plc_slots_command(const PlcTarget& target, const std::string& area_name, bool json) {
    AreaKind kind = AreaKind::read;
    if (area_name == "write") {
        kind = AreaKind::write;
    } else if (area_name == "failure") {
        kind = AreaKind::failure;
    } else if (area_name != "read") {
        return fail(kExitBadUsage, fmt::format("--area '{}' is not read, write or failure", area_name));
    }
    auto config = resolve_target(target);
    if (!config) return fail(kExitBadUsage, config.error().message());
    auto area = configured_area(*config, kind);
    if (!area) return fail(kExitBadUsage, area.error().message());

    std::vector<memory_map::WordRange> needed;
    for (int slot = 1; slot <= area->slots(); ++slot)
        needed.push_back({area->slot_address(slot), area->map().span()});
    const auto plan = memory_map::plan_reads(needed);

    return with_client(*config, [&](plc::PlcClient& client) -> asio::awaitable<int> {
        std::vector<std::uint16_t> words(area->total_words(), 0);
        for (const auto& read : plan) {
            const auto offset = static_cast<std::size_t>(read.first - area->slot_address(1));
            auto result = co_await client.read_into(fins::MemoryAddress{fins::Area::dm, read.first},
                                                    std::span<std::uint16_t>(words).subspan(offset, read.count));
            if (!result) co_return fail(kExitRuntimeFailure, result.error().message());
        }
        const auto records = area->decode_all(words);
        if (json) {
            print_json(*area, client.transport().peer(), plan.size(), records);
        } else {
            std::cout << fmt::format("{} from {}: {} slot(s), {} FINS read(s), map {}\n", area->name(),
                                     client.transport().peer(), area->slots(), plan.size(), area->map().origin());
            print_text(*area, records);
        }
        co_return kExitOk;
    });
}

}  // namespace plcbridge::app

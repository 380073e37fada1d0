#include "plcbridge/fins/end_code.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace plcbridge::fins {
namespace {

using R = EndCodeReaction;

// Omron W342 section 5-1-3, as summarised in docs/FINS.md "End codes". Sorted by code (binary search below).
constexpr std::array kEndCodes{
    EndCodeInfo{0x0000, "normal completion", "the command completed", R::ok},
    EndCodeInfo{0x0001, "service cancelled", "the service was cancelled", R::retry},
    EndCodeInfo{0x0101, "local node not in network", "our node is not part of the network", R::comms_fault},
    EndCodeInfo{0x0102, "token timeout", "token timeout on the local node", R::comms_fault},
    EndCodeInfo{0x0103, "retries failed", "the local node gave up retrying the send", R::comms_fault},
    EndCodeInfo{0x0104, "too many send frames", "the local node's send queue is full", R::comms_fault},
    EndCodeInfo{0x0105, "node address range error", "node address setting out of range", R::config_error},
    EndCodeInfo{0x0106, "node address duplication", "the same node address is set twice on the network",
                R::config_error},
    EndCodeInfo{0x0201, "destination node not in network", "the destination node is not in the network",
                R::comms_fault},
    EndCodeInfo{0x0202, "unit missing", "no unit with the destination unit address", R::config_error},
    EndCodeInfo{0x0203, "third node missing", "the third node does not exist", R::comms_fault},
    EndCodeInfo{0x0204, "destination node busy", "the destination node is busy", R::retry},
    EndCodeInfo{0x0205, "response timeout", "the destination did not answer in time (noise, or it is down)", R::retry},
    EndCodeInfo{0x0301, "communications controller error", "the communications controller failed", R::plc_fault},
    EndCodeInfo{0x0302, "CPU unit error", "the destination CPU unit has an error", R::plc_fault},
    EndCodeInfo{0x0303, "controller error", "a board or controller error", R::plc_fault},
    EndCodeInfo{0x0304, "unit number error", "the unit number is set wrongly", R::config_error},
    EndCodeInfo{0x0401, "undefined command", "the PLC does not know this command", R::config_error},
    EndCodeInfo{0x0402, "not supported by model/version", "the PLC model or version does not support it",
                R::config_error},
    EndCodeInfo{0x0501, "destination address setting error", "routing: destination not in the routing tables",
                R::config_error},
    EndCodeInfo{0x0502, "no routing tables", "routing tables are not registered", R::config_error},
    EndCodeInfo{0x0503, "routing table error", "the routing tables are wrong", R::config_error},
    EndCodeInfo{0x0504, "too many relays", "more relay points than allowed", R::config_error},
    EndCodeInfo{0x1001, "command too long", "the command frame is longer than allowed", R::config_error},
    EndCodeInfo{0x1002, "command too short", "the command frame is shorter than required", R::config_error},
    EndCodeInfo{0x1003, "elements/data don't match", "the element count does not match the data sent", R::config_error},
    EndCodeInfo{0x1004, "command format error", "the command format is wrong", R::config_error},
    EndCodeInfo{0x1005, "header error", "the FINS header is wrong (check DA1/SA1/unit)", R::config_error},
    EndCodeInfo{0x1101, "area classification missing", "no such memory area", R::config_error},
    EndCodeInfo{0x1102, "access size error", "the access size is wrong for this area", R::config_error},
    EndCodeInfo{0x1103, "address range error", "the first address is in an inaccessible area", R::config_error},
    EndCodeInfo{0x1104, "address range exceeded", "the access runs past the end of the area", R::config_error},
    EndCodeInfo{0x1106, "program missing", "no program with that number", R::config_error},
    EndCodeInfo{0x1109, "relational error", "a relational error in the command data", R::config_error},
    EndCodeInfo{0x110A, "duplicate data access", "the same data is accessed twice", R::config_error},
    EndCodeInfo{0x110B, "response too long", "the response would exceed the maximum length: read fewer words",
                R::config_error},
    EndCodeInfo{0x110C, "parameter error", "a parameter is out of range", R::config_error},
    EndCodeInfo{0x2002, "protected", "the program area is protected", R::plc_fault},
    EndCodeInfo{0x2003, "table missing", "the table does not exist", R::plc_fault},
    EndCodeInfo{0x2004, "data missing", "the data does not exist", R::plc_fault},
    EndCodeInfo{0x2005, "program missing", "the program does not exist", R::plc_fault},
    EndCodeInfo{0x2006, "file missing", "the file does not exist", R::plc_fault},
    EndCodeInfo{0x2007, "data mismatch", "the data does not match", R::plc_fault},
    EndCodeInfo{0x2101, "read-only", "the area is read-only", R::config_error},
    EndCodeInfo{0x2102, "protected", "write-protected (the PLC setup forbids the write)", R::config_error},
    EndCodeInfo{0x2103, "cannot register", "the data cannot be registered", R::plc_fault},
    EndCodeInfo{0x2105, "program missing", "the program does not exist", R::plc_fault},
    EndCodeInfo{0x2106, "file missing", "the file does not exist", R::plc_fault},
    EndCodeInfo{0x2107, "file name already exists", "a file with that name exists", R::plc_fault},
    EndCodeInfo{0x2108, "cannot change", "the data cannot be changed", R::plc_fault},
    EndCodeInfo{0x2201, "not possible during execution", "not executable while the operation runs", R::wrong_mode},
    EndCodeInfo{0x2202, "not possible while running", "not executable while the PLC runs", R::wrong_mode},
    EndCodeInfo{0x2203, "wrong PLC mode (PROGRAM)", "the PLC is in PROGRAM mode", R::wrong_mode},
    EndCodeInfo{0x2204, "wrong PLC mode (DEBUG)", "the PLC is in DEBUG mode", R::wrong_mode},
    EndCodeInfo{0x2205, "wrong PLC mode (MONITOR)", "the PLC is in MONITOR mode", R::wrong_mode},
    EndCodeInfo{0x2206, "wrong PLC mode (RUN)", "the PLC is in RUN mode", R::wrong_mode},
    EndCodeInfo{0x2207, "specified node not polling node", "the node is not the polling node", R::wrong_mode},
    EndCodeInfo{0x2208, "step cannot be executed", "the step cannot be executed", R::wrong_mode},
    EndCodeInfo{0x2301, "file device missing", "no file device", R::plc_fault},
    EndCodeInfo{0x2302, "memory missing", "no such memory", R::plc_fault},
    EndCodeInfo{0x2303, "clock missing", "no clock", R::plc_fault},
    EndCodeInfo{0x2401, "table missing", "cannot start/stop: the table is missing", R::plc_fault},
    EndCodeInfo{0x2502, "memory error", "a memory error in the unit", R::plc_fault},
    EndCodeInfo{0x2503, "I/O setting error", "the I/O table does not match the units", R::plc_fault},
    EndCodeInfo{0x2504, "too many I/O points", "too many I/O points", R::plc_fault},
    EndCodeInfo{0x2505, "CPU bus error", "a CPU bus error", R::plc_fault},
    EndCodeInfo{0x2506, "I/O duplication", "duplicated I/O", R::plc_fault},
    EndCodeInfo{0x2507, "I/O bus error", "an I/O bus error", R::plc_fault},
    EndCodeInfo{0x2509, "SYSMAC BUS/2 error", "a SYSMAC BUS/2 error", R::plc_fault},
    EndCodeInfo{0x250A, "CPU bus unit error", "a CPU bus unit error", R::plc_fault},
    EndCodeInfo{0x250D, "SYSMAC BUS number duplication", "a bus number is set twice", R::plc_fault},
    EndCodeInfo{0x250F, "memory error", "a memory error", R::plc_fault},
    EndCodeInfo{0x2510, "SYSMAC BUS terminator missing", "a bus terminator is missing", R::plc_fault},
    EndCodeInfo{0x2601, "no protection", "the program area is not protected", R::config_error},
    EndCodeInfo{0x2602, "incorrect password", "the password is wrong", R::config_error},
    EndCodeInfo{0x2604, "protected", "the area is protected", R::config_error},
    EndCodeInfo{0x2605, "service already executing", "the same service is already running", R::retry},
    EndCodeInfo{0x2606, "service stopped", "the service is stopped", R::plc_fault},
    EndCodeInfo{0x2607, "no execution right", "no execution right", R::config_error},
    EndCodeInfo{0x2608, "settings not complete", "the settings are incomplete", R::config_error},
    EndCodeInfo{0x2609, "necessary items not set", "required items are not set", R::config_error},
    EndCodeInfo{0x260A, "number already defined", "the number is already defined", R::config_error},
    EndCodeInfo{0x260B, "error will not clear", "the error cannot be cleared", R::plc_fault},
    EndCodeInfo{0x3001, "no access right", "another device holds the access right", R::retry},
    EndCodeInfo{0x4001, "service aborted", "the service was aborted", R::retry},
};

static_assert(std::is_sorted(kEndCodes.begin(), kEndCodes.end(),
                             [](const EndCodeInfo& a, const EndCodeInfo& b) { return a.code < b.code; }));

class EndCodeCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "fins-end-code"; }
    std::string message(int value) const override {
        return describe(EndCode::from_raw(static_cast<std::uint16_t>(value)));
    }
};

}  // namespace

const EndCodeInfo* find_end_code(std::uint16_t code) noexcept {
    auto it = std::lower_bound(kEndCodes.begin(), kEndCodes.end(), code,
                               [](const EndCodeInfo& info, std::uint16_t c) { return info.code < c; });
    if (it == kEndCodes.end() || it->code != code) return nullptr;
    return &*it;
}

std::span<const EndCodeInfo> all_end_codes() noexcept {
    return kEndCodes;
}

std::string describe(EndCode end_code) {
    std::string text;
    if (const EndCodeInfo* info = find_end_code(end_code.code())) {
        text = fmt::format("end code 0x{:04X} {}: {}", end_code.code(), info->name, info->meaning);
    } else {
        text = fmt::format("end code 0x{:04X} (not defined by Omron)", end_code.code());
    }
    return text + describe_flags(end_code);
}

std::string describe_flags(EndCode end_code) {
    std::string text;
    if (end_code.network_relay_error()) text += " [network relay error]";
    if (end_code.fatal_cpu_error()) text += " [fatal CPU error]";
    if (end_code.non_fatal_cpu_error()) text += " [non-fatal CPU error]";
    return text;
}

EndCodeReaction reaction(EndCode end_code) noexcept {
    if (const EndCodeInfo* info = find_end_code(end_code.code())) return info->reaction;
    return EndCodeReaction::plc_fault;
}

const std::error_category& end_code_category() noexcept {
    static const EndCodeCategory category;
    return category;
}

}  // namespace plcbridge::fins

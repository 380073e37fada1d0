#pragma once
/// Response frames: decoders for the client (views into the received bytes, no allocation on the
/// read path) and encoders for the simulator.

#include <cstdint>
#include <span>
#include <string>

#include "plcbridge/core/result.hpp"
#include "plcbridge/fins/address.hpp"
#include "plcbridge/fins/end_code.hpp"
#include "plcbridge/fins/header.hpp"

namespace plcbridge::fins {

/// A response frame split into its parts; `data` views the bytes after the end code.
struct ResponseView {
    Header header;
    std::uint16_t command = 0;
    EndCode end_code;
    ByteView data;
};
/// Checks length and the ICF response bit; allocates nothing.
[[nodiscard]] Result<ResponseView> decode_response(ByteView frame);

/// The elements of a 0101 response into `out` (exactly out.size() elements expected). Bit
/// elements must be 0 or 1. Allocates nothing.
[[nodiscard]] Result<void> decode_elements(ByteView data, Access access, std::span<std::uint16_t> out);

/// The values of a 0104 response for `items`, in order, into `out` (same size as items).
[[nodiscard]] Result<void> decode_multiple_read(ByteView data, std::span<const MemoryAddress> items,
                                                std::span<std::uint16_t> out);

enum class PlcMode : std::uint8_t { program = 0x00, monitor = 0x02, run = 0x04 };
[[nodiscard]] std::string_view mode_name(std::uint8_t mode) noexcept;

/// 0601 response body (26 bytes).
struct ControllerStatus {
    std::uint8_t status = 0;  ///< bit0 running, bit7 CPU standby (bits 3-6 undefined, masked)
    std::uint8_t mode = 0;    ///< see PlcMode
    std::uint16_t fatal_errors = 0;
    std::uint16_t non_fatal_errors = 0;
    std::uint16_t message_flags = 0;
    std::uint16_t fal_code = 0;
    std::string error_message;  ///< 16 ASCII characters, trailing spaces/NULs removed

    [[nodiscard]] bool running() const noexcept { return (status & 0x01) != 0; }
    [[nodiscard]] bool standby() const noexcept { return (status & 0x80) != 0; }
};
inline constexpr std::size_t kControllerStatusSize = 26;
[[nodiscard]] Result<ControllerStatus> decode_controller_status(ByteView data);
[[nodiscard]] Bytes encode_controller_status(const ControllerStatus& status);

/// 0701 response body: BCD year (2 digits) month day hour minute second, day of week 0 = Sunday.
struct ClockTime {
    int year = 2000;  ///< full year: two-digit 70..99 -> 19xx, 00..69 -> 20xx
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int day_of_week = 0;
    friend constexpr bool operator==(const ClockTime&, const ClockTime&) = default;
};
inline constexpr std::size_t kClockSize = 7;
[[nodiscard]] Result<ClockTime> decode_clock(ByteView data);
[[nodiscard]] Bytes encode_clock(const ClockTime& time);
/// "2026-11-28 14:30:59 Sat".
[[nodiscard]] std::string format_clock(const ClockTime& time);

/// The parts of a 0501 response plcbridge uses.
struct ControllerData {
    std::string model;    ///< e.g. "CJ2M-CPU33" (20 bytes, space padded)
    std::string version;  ///< 20 bytes, NUL padded
    std::uint16_t dm_words = 0;
    std::uint8_t em_banks = 0;
};
inline constexpr std::size_t kControllerDataBaseSize = 92;  ///< model, version, system use, area data
[[nodiscard]] Result<ControllerData> decode_controller_data(ByteView data);
[[nodiscard]] Bytes encode_controller_data(const ControllerData& data);

/// A response to `request` with `end_code` and `data` (for the simulator).
[[nodiscard]] Bytes encode_response(const Header& request, std::uint16_t command, EndCode end_code, ByteView data);

}  // namespace plcbridge::fins

#include "plcbridge/fins/response.hpp"

#include <fmt/format.h>

#include "plcbridge/fins/errc.hpp"

namespace plcbridge::fins {
namespace {

constexpr std::size_t kResponsePrefix = kHeaderSize + kCommandCodeSize + kEndCodeSize;

Result<int> from_bcd(std::uint8_t byte, std::string_view field) {
    int high = byte >> 4;
    int low = byte & 0x0F;
    if (high > 9 || low > 9) {
        return make_error(Errc::invalid_bcd, fmt::format("{} byte 0x{:02X} is not BCD", field, byte));
    }
    return high * 10 + low;
}

std::uint8_t to_bcd(int value) {
    return static_cast<std::uint8_t>(((value / 10) % 10) << 4 | (value % 10));
}

std::string trim_text(ByteView bytes) {
    std::size_t end = bytes.size();
    while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0))
        --end;
    std::string text;
    text.reserve(end);
    for (std::size_t i = 0; i < end; ++i) {
        // Non-printable bytes are shown as '?' rather than passed into logs raw.
        text.push_back(bytes[i] >= 0x20 && bytes[i] < 0x7F ? static_cast<char>(bytes[i]) : '?');
    }
    return text;
}

void append_padded(Bytes& out, std::string_view text, std::size_t width, std::uint8_t pad) {
    for (std::size_t i = 0; i < width; ++i) {
        out.push_back(i < text.size() ? static_cast<std::uint8_t>(text[i]) : pad);
    }
}

Error wrong_size(std::string_view what, std::size_t got, std::size_t expected) {
    return make_error(got < expected ? Errc::truncated : Errc::too_long,
                      fmt::format("{} of {} bytes (expected {})", what, got, expected));
}

}  // namespace

Result<ResponseView> decode_response(ByteView frame) {
    if (frame.size() < kResponsePrefix) {
        return make_error(Errc::truncated,
                          fmt::format("response frame of {} bytes (minimum {})", frame.size(), kResponsePrefix));
    }
    if (frame.size() > kMaxFrameSize) {
        return make_error(Errc::too_long,
                          fmt::format("response frame of {} bytes (maximum {})", frame.size(), kMaxFrameSize));
    }
    Header header = load_header(frame);
    if (!header.is_response()) {
        return make_error(Errc::not_a_response, fmt::format("ICF 0x{:02X} has the response bit clear", header.icf));
    }
    return ResponseView{header, load_be16(frame, kHeaderSize), EndCode{frame[kHeaderSize + 2], frame[kHeaderSize + 3]},
                        frame.subspan(kResponsePrefix)};
}

Result<void> decode_elements(ByteView data, Access access, std::span<std::uint16_t> out) {
    const std::size_t expected = out.size() * element_size(access);
    if (data.size() != expected) return wrong_size("read response data", data.size(), expected);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (access == Access::word) {
            out[i] = load_be16(data, 2 * i);
        } else {
            if (data[i] > 1) {
                return make_error(Errc::invalid_parameter,
                                  fmt::format("bit element {} holds 0x{:02X} (0 or 1 expected)", i, data[i]));
            }
            out[i] = data[i];
        }
    }
    return {};
}

Result<void> decode_multiple_read(ByteView data, std::span<const MemoryAddress> items, std::span<std::uint16_t> out) {
    if (out.size() != items.size()) {
        return make_error(Errc::invalid_parameter, "output size differs from the item count");
    }
    std::size_t at = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::size_t size = 1 + element_size(items[i].access);
        if (at + size > data.size()) {
            return make_error(Errc::truncated,
                              fmt::format("multiple read response ends at item {} of {}", i, items.size()));
        }
        const std::uint8_t expected_code = area_code(items[i].area, items[i].access);
        if (data[at] != expected_code) {
            return make_error(Errc::invalid_parameter, fmt::format("item {} has area code 0x{:02X}, requested 0x{:02X}",
                                                                   i, data[at], expected_code));
        }
        out[i] = items[i].access == Access::word ? load_be16(data, at + 1) : data[at + 1];
        at += size;
    }
    if (at != data.size()) return wrong_size("multiple read response data", data.size(), at);
    return {};
}

std::string_view mode_name(std::uint8_t mode) noexcept {
    switch (mode) {
        case 0x00: return "PROGRAM";
        case 0x01: return "DEBUG";
        case 0x02: return "MONITOR";
        case 0x04: return "RUN";
        default: return "unknown";
    }
}

Result<ControllerStatus> decode_controller_status(ByteView data) {
    if (data.size() != kControllerStatusSize)
        return wrong_size("controller status", data.size(), kControllerStatusSize);
    ControllerStatus s;
    s.status = static_cast<std::uint8_t>(data[0] & 0x87);  // bits 3-6 are undefined
    s.mode = data[1];
    s.fatal_errors = load_be16(data, 2);
    s.non_fatal_errors = load_be16(data, 4);
    s.message_flags = load_be16(data, 6);
    s.fal_code = load_be16(data, 8);
    s.error_message = trim_text(data.subspan(10, 16));
    return s;
}

Bytes encode_controller_status(const ControllerStatus& s) {
    Bytes out;
    out.reserve(kControllerStatusSize);
    out.push_back(s.status);
    out.push_back(s.mode);
    append_be16(out, s.fatal_errors);
    append_be16(out, s.non_fatal_errors);
    append_be16(out, s.message_flags);
    append_be16(out, s.fal_code);
    append_padded(out, s.error_message, 16, ' ');
    return out;
}

Result<ClockTime> decode_clock(ByteView data) {
    if (data.size() != kClockSize) return wrong_size("clock data", data.size(), kClockSize);
    static constexpr std::string_view kFields[] = {"year", "month", "day", "hour", "minute", "second"};
    int v[6] = {};
    for (std::size_t i = 0; i < 6; ++i) {
        auto digit = from_bcd(data[i], kFields[i]);
        if (!digit) return std::move(digit).error();
        v[i] = *digit;
    }
    ClockTime t{v[0] >= 70 ? 1900 + v[0] : 2000 + v[0], v[1], v[2], v[3], v[4], v[5], data[6]};
    if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 59 ||
        t.day_of_week > 6) {
        return make_error(Errc::invalid_parameter, fmt::format("clock value out of range: {}", format_clock(t)));
    }
    return t;
}

Bytes encode_clock(const ClockTime& t) {
    return Bytes{to_bcd(t.year % 100),
                 to_bcd(t.month),
                 to_bcd(t.day),
                 to_bcd(t.hour),
                 to_bcd(t.minute),
                 to_bcd(t.second),
                 static_cast<std::uint8_t>(t.day_of_week)};
}

std::string format_clock(const ClockTime& t) {
    static constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    std::string_view day = t.day_of_week >= 0 && t.day_of_week <= 6 ? kDays[t.day_of_week] : "???";
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} {}", t.year, t.month, t.day, t.hour, t.minute, t.second,
                       day);
}

// 0501 layout (W342): model 20, internal version 20, system use 40, area data 12. Area data as
// used here: program area size (2), IOM size (1), DM words (2), timer/counter size (1),
// EM non-file banks (1), memory card type (1), reserved (2), memory card size (2). [?] on a real CJ2M.
Result<ControllerData> decode_controller_data(ByteView data) {
    if (data.size() < kControllerDataBaseSize) {
        return make_error(Errc::truncated, fmt::format("controller data of {} bytes (minimum {})", data.size(),
                                                       kControllerDataBaseSize));
    }
    ControllerData d;
    d.model = trim_text(data.subspan(0, 20));
    d.version = trim_text(data.subspan(20, 20));
    ByteView area = data.subspan(80, 12);
    d.dm_words = load_be16(area, 3);
    d.em_banks = area[6];
    return d;
}

Bytes encode_controller_data(const ControllerData& d) {
    Bytes out;
    out.reserve(kControllerDataBaseSize);
    append_padded(out, d.model, 20, ' ');
    append_padded(out, d.version, 20, 0);
    out.insert(out.end(), 40, 0);  // system use
    append_be16(out, 0);           // program area size
    out.push_back(0);              // IOM size
    append_be16(out, d.dm_words);
    out.push_back(0);  // timer/counter size
    out.push_back(d.em_banks);
    out.push_back(0);  // memory card type: none
    append_be16(out, 0);
    append_be16(out, 0);
    return out;
}

Bytes encode_response(const Header& request, std::uint16_t command, EndCode end_code, ByteView data) {
    Bytes out;
    out.reserve(kResponsePrefix + data.size());
    append_header(out, make_response_header(request));
    append_be16(out, command);
    out.push_back(end_code.main);
    out.push_back(end_code.sub);
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

}  // namespace plcbridge::fins

#pragma once
// Runs every FINS decoder over one byte string, as a hostile peer would present it: the shared
// body of the hostile-input unit test and the libFuzzer target.

#include <algorithm>
#include <cstdint>

#include "plcbridge/fins/request.hpp"
#include "plcbridge/fins/response.hpp"
#include "plcbridge/fins/tcp_envelope.hpp"

namespace plcbridge::testing {

/// Returns how many decoders accepted the input (so the calls cannot be optimised away).
inline int decode_all_fins(ByteView bytes) {
    using namespace plcbridge::fins;
    int accepted = 0;
    if (auto r = decode_response(bytes); r.ok()) {
        ++accepted;
        std::uint16_t words[999];
        const std::size_t n = std::min<std::size_t>(r->data.size() / 2, 999);
        accepted += decode_elements(r->data, Access::word, std::span<std::uint16_t>(words, n)).ok();
        const std::size_t bits = std::min<std::size_t>(r->data.size(), 999);
        accepted += decode_elements(r->data, Access::bit, std::span<std::uint16_t>(words, bits)).ok();
        accepted += decode_controller_status(r->data).ok();
        accepted += decode_clock(r->data).ok();
        accepted += decode_controller_data(r->data).ok();
        const MemoryAddress items[] = {{Area::dm, 0}, {Area::cio, 0, 1, Access::bit}};
        accepted += decode_multiple_read(r->data, items, std::span<std::uint16_t>(words, 2)).ok();
    }
    if (auto c = decode_command(bytes); c.ok()) {
        ++accepted;
        accepted += decode_memory_area_read(c->parameters).ok();
        accepted += decode_memory_area_write(c->parameters).ok();
        accepted += decode_multiple_memory_area_read(c->parameters).ok();
    }
    TcpStreamAssembler assembler;
    if (assembler.append(bytes.subspan(0, std::min(bytes.size(), assembler.prepare().size()))).ok()) {
        for (int i = 0; i < 8; ++i) {
            auto m = assembler.next();
            if (!m.ok() || !m->has_value()) break;
            ++accepted;
            accepted += decode_node_address_response(**m).ok();
            accepted += decode_response((*m)->payload).ok();
        }
    }
    return accepted;
}

}  // namespace plcbridge::testing

#include "plcbridge/fins/header.hpp"

namespace plcbridge::fins {

std::string_view command_name(std::uint16_t command) noexcept {
    switch (static_cast<Command>(command)) {
        case Command::memory_area_read: return "MEMORY AREA READ (0101)";
        case Command::memory_area_write: return "MEMORY AREA WRITE (0102)";
        case Command::multiple_memory_area_read: return "MULTIPLE MEMORY AREA READ (0104)";
        case Command::controller_data_read: return "CONTROLLER DATA READ (0501)";
        case Command::controller_status_read: return "CONTROLLER STATUS READ (0601)";
        case Command::clock_read: return "CLOCK READ (0701)";
    }
    return "unsupported command";
}

Header make_command_header(NodeAddress destination, NodeAddress source, std::uint8_t sid) noexcept {
    Header h;
    h.icf = kIcfCommand;
    h.dna = destination.network;
    h.da1 = destination.node;
    h.da2 = destination.unit;
    h.sna = source.network;
    h.sa1 = source.node;
    h.sa2 = source.unit;
    h.sid = sid;
    return h;
}

Header make_response_header(const Header& request) noexcept {
    Header h = request;
    h.icf = kIcfResponse;
    h.rsv = 0;
    h.dna = request.sna;
    h.da1 = request.sa1;
    h.da2 = request.sa2;
    h.sna = request.dna;
    h.sa1 = request.da1;
    h.sa2 = request.da2;
    return h;
}

void append_header(Bytes& out, const Header& h) {
    out.insert(out.end(), {h.icf, h.rsv, h.gct, h.dna, h.da1, h.da2, h.sna, h.sa1, h.sa2, h.sid});
}

Header load_header(ByteView b) noexcept {
    return Header{b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9]};
}

}  // namespace plcbridge::fins

#include "plcbridge/sim/plc_memory.hpp"

namespace plcbridge::sim {

using fins::Access;
using fins::Area;
using fins::EndCode;
using namespace fins::end_codes;

PlcMemory::PlcMemory()
    : dm_(kDmWords), cio_(kCioWords), work_(kWorkWords), holding_(kHoldingWords), auxiliary_(kAuxiliaryWords) {}

const std::vector<std::uint16_t>& PlcMemory::area(Area a) const {
    switch (a) {
        case Area::cio: return cio_;
        case Area::work: return work_;
        case Area::holding: return holding_;
        case Area::auxiliary: return auxiliary_;
        case Area::dm: return dm_;
    }
    return dm_;
}

std::vector<std::uint16_t>& PlcMemory::area(Area a) {
    return const_cast<std::vector<std::uint16_t>&>(static_cast<const PlcMemory*>(this)->area(a));
}

EndCode PlcMemory::check_range(const fins::MemoryAddress& start, std::size_t count) const {
    const std::size_t words = area(start.area).size();
    if (start.word >= words) return kFirstAddressInaccessible;
    if (start.access == Access::bit && start.bit > 15) return kParameterError;
    const std::size_t first = start.access == Access::word ? start.word : start.word * 16U + start.bit;
    const std::size_t limit = start.access == Access::word ? words : words * 16U;
    if (first + count > limit) return kAddressRangeExceeded;
    return kNormal;
}

EndCode PlcMemory::read(const fins::MemoryAddress& start, std::span<std::uint16_t> out) const {
    if (EndCode e = check_range(start, out.size()); !e.success()) return e;
    const auto& words = area(start.area);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (start.access == Access::word) {
            out[i] = words[start.word + i];
        } else {
            const std::size_t bit = start.word * 16U + start.bit + i;
            out[i] = static_cast<std::uint16_t>((static_cast<unsigned>(words[bit / 16]) >> (bit % 16)) & 1U);
        }
    }
    return kNormal;
}

EndCode PlcMemory::write(const fins::MemoryAddress& start, std::span<const std::uint16_t> values) {
    if (EndCode e = check_range(start, values.size()); !e.success()) return e;
    if (start.area == Area::auxiliary && start.word < kAuxiliaryReadOnlyWords) return kReadOnly;
    auto& words = area(start.area);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (start.access == Access::word) {
            words[start.word + i] = values[i];
        } else {
            if (values[i] > 1) return kParameterError;
            const std::size_t bit = start.word * 16U + start.bit + i;
            const auto mask = static_cast<std::uint16_t>(1U << (bit % 16));
            words[bit / 16] =
                static_cast<std::uint16_t>(values[i] ? (words[bit / 16] | mask) : (words[bit / 16] & ~mask));
        }
    }
    return kNormal;
}

std::uint16_t PlcMemory::word(Area a, std::uint16_t index) const {
    const auto& words = area(a);
    return index < words.size() ? words[index] : 0;
}

void PlcMemory::set_word(Area a, std::uint16_t index, std::uint16_t value) {
    auto& words = area(a);
    if (index < words.size()) words[index] = value;
}

}  // namespace plcbridge::sim

#include "plcbridge/sim/simulated_plc.hpp"

#include <ctime>

#include "plcbridge/fins/errc.hpp"
#include "plcbridge/fins/request.hpp"

namespace plcbridge::sim {

using fins::Command;
using fins::EndCode;
using namespace fins::end_codes;

namespace {

/// Maps a parameter decoding failure to the end code a CJ2M gives for it.
EndCode end_code_for(const Error& error) {
    if (error.code == fins::Errc::truncated) return kCommandTooShort;
    if (error.code == fins::Errc::too_long) return kCommandTooLong;
    if (error.code == fins::Errc::data_size_mismatch) return kElementsDataMismatch;
    if (error.code == fins::Errc::unknown_area) return kNoSuchArea;
    return kParameterError;
}

bool counts_down(int& counter) {
    if (counter == 0) return false;
    if (counter > 0) --counter;
    return true;
}

}  // namespace

SimulatedPlc::SimulatedPlc(SimulatedPlcOptions options) : options_(std::move(options)) {}

std::vector<RequestRecord> SimulatedPlc::request_log() const {
    std::lock_guard lock(mutex_);
    return request_log_;
}

Dispatch SimulatedPlc::handle(ByteView request) {
    std::lock_guard lock(mutex_);
    auto command = fins::decode_command(request);
    if (!command) {
        ++stats_.invalid_frames;
        // A frame with a readable command header gets the PLC's format error; anything shorter,
        // or a response frame, is silently dropped as a real CPU does.
        if (request.size() >= fins::kHeaderSize + fins::kCommandCodeSize &&
            command.error().code != fins::Errc::not_a_command) {
            const fins::Header header = fins::load_header(request);
            return Dispatch{{fins::encode_response(header, load_be16(request, fins::kHeaderSize),
                                                   end_code_for(command.error()), {})},
                            {}};
        }
        return {};
    }
    const fins::Header& header = command->header;
    if (header.da1 != options_.node && header.da1 != 0) {
        ++stats_.invalid_frames;  // not for us: a real unit would try to route it
        return {};
    }
    ++stats_.requests;
    if (request_log_.size() == kRequestLogCap) request_log_.erase(request_log_.begin(), request_log_.begin() + 1000);
    request_log_.push_back({std::chrono::steady_clock::now(), header.sa1, command->command});
    const bool faults_armed = knobs_.pass_requests == 0;
    if (!faults_armed) --knobs_.pass_requests;
    if (faults_armed && counts_down(knobs_.drop_requests)) {
        ++stats_.dropped_requests;
        return {};
    }

    Bytes data;
    EndCode end_code;
    if (faults_armed && knobs_.forced_end_code && counts_down(knobs_.forced_end_code_count)) {
        ++stats_.forced_end_codes;
        end_code = *knobs_.forced_end_code;
    } else {
        end_code = execute(command->command, command->parameters, data);
    }

    if (!header.response_required()) return {};
    if (faults_armed && counts_down(knobs_.lose_replies)) {
        ++stats_.lost_replies;
        return {};
    }
    Dispatch dispatch;
    dispatch.replies.push_back(fins::encode_response(header, command->command, end_code, data));
    if (faults_armed && counts_down(knobs_.duplicate_replies)) dispatch.replies.push_back(dispatch.replies.front());
    if (faults_armed && counts_down(knobs_.delay_replies)) dispatch.delay = knobs_.reply_delay;
    return dispatch;
}

EndCode SimulatedPlc::execute(std::uint16_t command, ByteView parameters, Bytes& data) {
    switch (static_cast<Command>(command)) {
        case Command::memory_area_read: {
            auto params = fins::decode_memory_area_read(parameters);
            if (!params) return end_code_for(params.error());
            if (params->start.access == fins::Access::word && params->count > fins::kMaxReadWords) {
                return kResponseTooLong;
            }
            if (params->count * fins::element_size(params->start.access) > fins::kMaxFrameSize - 14) {
                return kResponseTooLong;
            }
            std::vector<std::uint16_t> values(params->count);
            if (EndCode e = memory_.read(params->start, values); !e.success()) return e;
            for (std::uint16_t v : values) {
                if (params->start.access == fins::Access::word) {
                    append_be16(data, v);
                } else {
                    data.push_back(static_cast<std::uint8_t>(v));
                }
            }
            ++stats_.memory_reads;
            return kNormal;
        }
        case Command::memory_area_write: {
            auto params = fins::decode_memory_area_write(parameters);
            if (!params) return end_code_for(params.error());
            if (params->start.access == fins::Access::word && params->count > fins::kMaxWriteWords) {
                return kCommandTooLong;
            }
            std::vector<std::uint16_t> values(params->count);
            for (std::size_t i = 0; i < values.size(); ++i) {
                values[i] =
                    params->start.access == fins::Access::word ? load_be16(params->data, 2 * i) : params->data[i];
            }
            if (EndCode e = memory_.write(params->start, values); !e.success()) return e;
            ++stats_.memory_writes;
            if (write_observer_) write_observer_(params->start, values.size());
            return kNormal;
        }
        case Command::multiple_memory_area_read: {
            auto items = fins::decode_multiple_memory_area_read(parameters);
            if (!items) return end_code_for(items.error());
            // Any bad item means nothing is read (docs/FINS.md "Commands").
            Bytes out;
            for (const auto& item : *items) {
                std::uint16_t value = 0;
                if (EndCode e = memory_.read(item, std::span<std::uint16_t>(&value, 1)); !e.success()) return e;
                out.push_back(fins::area_code(item.area, item.access));
                if (item.access == fins::Access::word) {
                    append_be16(out, value);
                } else {
                    out.push_back(static_cast<std::uint8_t>(value));
                }
            }
            data = std::move(out);
            ++stats_.multiple_reads;
            return kNormal;
        }
        case Command::controller_data_read: {
            if (parameters.size() > 1) return kCommandTooLong;
            fins::ControllerData info{options_.model, options_.version,
                                      static_cast<std::uint16_t>(PlcMemory::kDmWords / 1024), 0};
            Bytes all = fins::encode_controller_data(info);
            Bytes bus_part(66, 0);  // CPU bus unit configuration (64), CPU unit info, remote I/O
            if (parameters.empty()) {
                data = std::move(all);
                data.insert(data.end(), bus_part.begin(), bus_part.end());
            } else if (parameters[0] == 0x00) {
                data = std::move(all);
            } else if (parameters[0] == 0x01) {
                data = std::move(bus_part);
            } else {
                return kParameterError;
            }
            ++stats_.other_commands;
            return kNormal;
        }
        case Command::controller_status_read: {
            if (!parameters.empty()) return kCommandTooLong;
            fins::ControllerStatus status;
            status.status = mode_ == fins::PlcMode::program ? 0x00 : 0x01;
            status.mode = static_cast<std::uint8_t>(mode_);
            data = fins::encode_controller_status(status);
            ++stats_.other_commands;
            return kNormal;
        }
        case Command::clock_read: {
            if (!parameters.empty()) return kCommandTooLong;
            data = fins::encode_clock(clock_now());
            ++stats_.other_commands;
            return kNormal;
        }
    }
    return kUndefinedCommand;
}

fins::ClockTime SimulatedPlc::clock_now() const {
    if (clock_) return *clock_;
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fins::ClockTime{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                           utc.tm_min,         utc.tm_sec,     utc.tm_wday};
}

std::uint16_t SimulatedPlc::word(fins::Area area, std::uint16_t index) const {
    std::lock_guard lock(mutex_);
    return memory_.word(area, index);
}

void SimulatedPlc::set_word(fins::Area area, std::uint16_t index, std::uint16_t value) {
    std::lock_guard lock(mutex_);
    memory_.set_word(area, index, value);
}

std::vector<std::uint16_t> SimulatedPlc::words(fins::Area area, std::uint16_t start, std::size_t count) const {
    std::lock_guard lock(mutex_);
    std::vector<std::uint16_t> out(count);
    for (std::size_t i = 0; i < count; ++i)
        out[i] = memory_.word(area, static_cast<std::uint16_t>(start + i));
    return out;
}

void SimulatedPlc::set_words(fins::Area area, std::uint16_t start, std::span<const std::uint16_t> values) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < values.size(); ++i)
        memory_.set_word(area, static_cast<std::uint16_t>(start + i), values[i]);
}

FaultKnobs SimulatedPlc::knobs() const {
    std::lock_guard lock(mutex_);
    return knobs_;
}

void SimulatedPlc::set_knobs(const FaultKnobs& knobs) {
    std::lock_guard lock(mutex_);
    knobs_ = knobs;
}

void SimulatedPlc::set_mode(fins::PlcMode mode) {
    std::lock_guard lock(mutex_);
    mode_ = mode;
}

void SimulatedPlc::set_clock(std::optional<fins::ClockTime> clock) {
    std::lock_guard lock(mutex_);
    clock_ = clock;
}

void SimulatedPlc::on_write(std::function<void(const fins::MemoryAddress&, std::size_t)> observer) {
    std::lock_guard lock(mutex_);
    write_observer_ = std::move(observer);
}

SimStats SimulatedPlc::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void SimulatedPlc::reset_stats() {
    std::lock_guard lock(mutex_);
    stats_ = {};
}

}  // namespace plcbridge::sim

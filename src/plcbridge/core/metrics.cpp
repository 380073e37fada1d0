#include "plcbridge/core/metrics.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace plcbridge::metrics {

namespace {

void add_to(HistogramData& data, const std::vector<double>& bounds, double value) {
    if (data.counts.empty()) data.counts.assign(bounds.size() + 1, 0);
    const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin();
    ++data.counts[static_cast<std::size_t>(bucket)];
    data.sum += value;
    ++data.count;
}

std::string escaped(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

/// Prometheus wants Go's float text: integers without a fraction, +Inf, NaN.
std::string number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    if (value == std::floor(value) && std::fabs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
    return fmt::format("{}", value);
}

std::string label_text(std::span<const std::string_view> names, const LabelValues& values, std::string_view extra_name,
                       std::string_view extra_value) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
        out += fmt::format("{}{}=\"{}\"", out.empty() ? "" : ",", names[i], escaped(values[i]));
    if (!extra_name.empty()) out += fmt::format("{}{}=\"{}\"", out.empty() ? "" : ",", extra_name, extra_value);
    return out.empty() ? out : "{" + out + "}";
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {
    data_.counts.assign(bounds_.size() + 1, 0);
}

void Histogram::observe(double value) {
    std::lock_guard lock(mutex_);
    add_to(data_, bounds_, value);
}

HistogramData Histogram::data() const {
    std::lock_guard lock(mutex_);
    return data_;
}

void LabelledCounters::add(const LabelValues& labels, std::uint64_t n) {
    std::lock_guard lock(mutex_);
    values_[labels] += n;
}

std::map<LabelValues, std::uint64_t> LabelledCounters::values() const {
    std::lock_guard lock(mutex_);
    return values_;
}

void LabelledHistograms::observe(const LabelValues& labels, std::chrono::nanoseconds duration) {
    std::lock_guard lock(mutex_);
    add_to(values_[labels], bounds_, std::chrono::duration<double>(duration).count());
}

std::map<LabelValues, HistogramData> LabelledHistograms::values() const {
    std::lock_guard lock(mutex_);
    return values_;
}

void Exposition::family(std::string_view name, std::string_view type, std::string_view help) {
    text_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void Exposition::sample(std::string_view name, std::span<const std::string_view> label_names, const LabelValues& labels,
                        double value) {
    text_ += fmt::format("{}{} {}\n", name, label_text(label_names, labels, {}, {}), number(value));
}

void Exposition::histogram(std::string_view name, std::span<const std::string_view> label_names,
                           const LabelValues& labels, const std::vector<double>& bounds, const HistogramData& data) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
        cumulative += i < data.counts.size() ? data.counts[i] : 0;
        const std::string le = i < bounds.size() ? number(bounds[i]) : "+Inf";
        text_ += fmt::format("{}_bucket{} {}\n", name, label_text(label_names, labels, "le", le), cumulative);
    }
    text_ += fmt::format("{}_sum{} {}\n", name, label_text(label_names, labels, {}, {}), number(data.sum));
    text_ += fmt::format("{}_count{} {}\n", name, label_text(label_names, labels, {}, {}), data.count);
}

}  // namespace plcbridge::metrics

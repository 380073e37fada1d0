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

namespace {

/// `sample` ("name{a="b"} 1" or "name 1") with `label="value"` first among its labels.
std::string with_label(std::string_view sample, std::string_view label, std::string_view escaped_value) {
    const auto brace = sample.find('{');
    const auto space = sample.find(' ');
    if (brace != std::string_view::npos && (space == std::string_view::npos || brace < space)) {
        const bool empty = brace + 1 < sample.size() && sample[brace + 1] == '}';
        return fmt::format("{}{{{}=\"{}\"{}{}", sample.substr(0, brace), label, escaped_value, empty ? "" : ",",
                           sample.substr(brace + 1));
    }
    if (space == std::string_view::npos) return std::string(sample);
    return fmt::format("{}{{{}=\"{}\"}}{}", sample.substr(0, space), label, escaped_value, sample.substr(space));
}

/// The family a "# HELP name ..." or "# TYPE name ..." line is about.
std::string_view family_of(std::string_view comment) {
    std::string_view rest = comment.substr(7);  // "# HELP " and "# TYPE " are 7 characters
    return rest.substr(0, rest.find(' '));
}

}  // namespace

std::string merge_with_label(std::string_view label, std::span<const LabelledExposition> parts) {
    struct Family {
        std::vector<std::string> header;
        std::string samples;
    };
    std::vector<std::string> order;
    std::map<std::string, Family, std::less<>> families;
    for (const LabelledExposition& part : parts) {
        const std::string value = escaped(part.label_value);
        std::string current;
        std::string_view text = part.text;
        while (!text.empty()) {
            const auto end = text.find('\n');
            const std::string_view line = text.substr(0, end);
            text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
            if (line.empty()) continue;
            if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
                current = std::string(family_of(line));
                auto [it, fresh] = families.try_emplace(current);
                if (fresh) order.push_back(current);
                if (it->second.header.size() < 2 && std::find(it->second.header.begin(), it->second.header.end(),
                                                              std::string(line)) == it->second.header.end())
                    it->second.header.emplace_back(line);
                continue;
            }
            if (line.starts_with('#')) continue;
            auto [it, fresh] = families.try_emplace(current);
            if (fresh) order.push_back(current);
            it->second.samples += with_label(line, label, value) + "\n";
        }
    }
    std::string out;
    for (const std::string& name : order) {
        const Family& f = families.at(name);
        for (const std::string& h : f.header)
            out += h + "\n";
        out += f.samples;
    }
    return out;
}

}  // namespace plcbridge::metrics

#pragma once
/// Prometheus instruments and the text exposition format (docs/OPERATIONS.md "Metrics"): counters
/// and histograms, with or without labels, safe to update from the event loop and the database
/// thread at once. Values are kept here; what they mean is named where they are declared
/// (core/plant_metrics.hpp). No registry, no globals: the composition root owns one set.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plcbridge::metrics {

/// Label values in declaration order of the family's label names.
using LabelValues = std::vector<std::string>;

class Counter {
  public:
    void add(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

  private:
    std::atomic<std::uint64_t> value_{0};
};

/// A histogram's state: cumulative bucket counts are computed when written out.
struct HistogramData {
    std::vector<std::uint64_t> counts;  ///< per bucket (not cumulative), plus the +Inf bucket last
    double sum = 0;
    std::uint64_t count = 0;
};

class Histogram {
  public:
    /// `bounds`: upper bounds, increasing (seconds for durations).
    explicit Histogram(std::vector<double> bounds);
    void observe(double value);
    void observe(std::chrono::nanoseconds duration) { observe(std::chrono::duration<double>(duration).count()); }
    [[nodiscard]] HistogramData data() const;
    [[nodiscard]] const std::vector<double>& bounds() const noexcept { return bounds_; }

  private:
    std::vector<double> bounds_;
    mutable std::mutex mutex_;
    HistogramData data_;
};

/// Counters by label values, created on first use. The label sets are bounded by the callers
/// (endpoints, end codes, outcomes), never by input text.
class LabelledCounters {
  public:
    void add(const LabelValues& labels, std::uint64_t n = 1);
    [[nodiscard]] std::map<LabelValues, std::uint64_t> values() const;

  private:
    mutable std::mutex mutex_;
    std::map<LabelValues, std::uint64_t> values_;
};

class LabelledHistograms {
  public:
    explicit LabelledHistograms(std::vector<double> bounds) : bounds_(std::move(bounds)) {}
    void observe(const LabelValues& labels, std::chrono::nanoseconds duration);
    [[nodiscard]] std::map<LabelValues, HistogramData> values() const;
    [[nodiscard]] const std::vector<double>& bounds() const noexcept { return bounds_; }

  private:
    std::vector<double> bounds_;
    mutable std::mutex mutex_;
    std::map<LabelValues, HistogramData> values_;
};

/// Writes the text exposition format, version 0.0.4: a family's # HELP and # TYPE lines, then its
/// samples. Label values are escaped (backslash, double quote, line break).
class Exposition {
  public:
    void family(std::string_view name, std::string_view type, std::string_view help);
    void sample(std::string_view name, std::span<const std::string_view> label_names, const LabelValues& labels,
                double value);
    void sample(std::string_view name, double value) { sample(name, {}, {}, value); }
    /// _bucket (cumulative, le="..." last), _sum and _count samples.
    void histogram(std::string_view name, std::span<const std::string_view> label_names, const LabelValues& labels,
                   const std::vector<double>& bounds, const HistogramData& data);
    [[nodiscard]] const std::string& text() const noexcept { return text_; }

  private:
    std::string text_;
};

/// One exposition's text and the value its samples get for the merge's label.
struct LabelledExposition {
    std::string label_value;
    std::string text;
};

/// Several expositions of the same families as one (several lines, docs/LINES.md): each family's
/// # HELP and # TYPE once, then its samples from every part in order, each given `label` =
/// the part's value first among its labels. The text format wants a family's samples together.
[[nodiscard]] std::string merge_with_label(std::string_view label, std::span<const LabelledExposition> parts);

/// The content type of the exposition.
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace plcbridge::metrics

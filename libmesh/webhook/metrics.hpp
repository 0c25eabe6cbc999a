#pragma once
// The webhook's Prometheus metrics: reviews by result and a latency histogram, lock-free.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "libmesh/webhook/admission.hpp"

namespace mesh::webhook {

/// Upper bounds (seconds) of the latency histogram's buckets.
inline constexpr std::array<double, 12> k_latency_buckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                          0.01,   0.025,   0.05,   0.1,   0.25,   1.0};

/// Counters shared by every worker thread.
class Metrics {
public:
    /// Counts one answered (or rejected) review and how long it took.
    void record(ReviewResult result, std::chrono::nanoseconds elapsed);
    /// Reviews answered so far with `result`.
    std::uint64_t count(ReviewResult result) const;
    /// The metrics in the Prometheus text format (version 0.0.4); `extra` is appended as is.
    std::string render(const std::string& extra = {}) const;

private:
    static constexpr std::size_t k_results = std::size(k_all_results);
    std::array<std::atomic<std::uint64_t>, k_results> m_reviews{};
    std::array<std::atomic<std::uint64_t>, k_latency_buckets.size()> m_buckets{};  // not cumulative
    std::atomic<std::uint64_t> m_count{0};
    std::atomic<std::uint64_t> m_sum_ns{0};
};

}  // namespace mesh::webhook

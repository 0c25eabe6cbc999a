#include "libmesh/webhook/metrics.hpp"

#include <fmt/format.h>

namespace mesh::webhook {

void Metrics::record(ReviewResult result, std::chrono::nanoseconds elapsed) {
    m_reviews[static_cast<std::size_t>(result)].fetch_add(1, std::memory_order_relaxed);
    double seconds = std::chrono::duration<double>(elapsed).count();
    for (std::size_t i = 0; i < k_latency_buckets.size(); ++i)
        if (seconds <= k_latency_buckets[i]) {
            m_buckets[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    m_count.fetch_add(1, std::memory_order_relaxed);
    m_sum_ns.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

std::uint64_t Metrics::count(ReviewResult result) const {
    return m_reviews[static_cast<std::size_t>(result)].load(std::memory_order_relaxed);
}

std::string Metrics::render(const std::string& extra) const {
    std::string out = "# HELP mesh_webhook_reviews_total AdmissionReviews answered, by result.\n"
                      "# TYPE mesh_webhook_reviews_total counter\n";
    for (ReviewResult result : k_all_results)
        out += fmt::format("mesh_webhook_reviews_total{{result=\"{}\"}} {}\n", result_name(result), count(result));
    out += "# HELP mesh_webhook_review_duration_seconds Time to answer an AdmissionReview, from the "
           "whole body read to the response built.\n"
           "# TYPE mesh_webhook_review_duration_seconds histogram\n";
    // Read the total first: a review finishing meanwhile can make +Inf exceed the last bucket, never
    // a bucket exceed +Inf.
    std::uint64_t total = m_count.load(std::memory_order_relaxed);
    std::uint64_t sum_ns = m_sum_ns.load(std::memory_order_relaxed);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < k_latency_buckets.size(); ++i) {
        cumulative += m_buckets[i].load(std::memory_order_relaxed);
        out += fmt::format("mesh_webhook_review_duration_seconds_bucket{{le=\"{}\"}} {}\n", k_latency_buckets[i],
                           std::min(cumulative, total));
    }
    out += fmt::format("mesh_webhook_review_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", total);
    out += fmt::format("mesh_webhook_review_duration_seconds_sum {}\n", static_cast<double>(sum_ns) / 1e9);
    out += fmt::format("mesh_webhook_review_duration_seconds_count {}\n", total);
    return out + extra;
}

}  // namespace mesh::webhook

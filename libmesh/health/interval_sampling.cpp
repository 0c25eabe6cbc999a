#include "libmesh/health/interval_sampling.hpp"

#include <algorithm>

namespace mesh::health {

IntervalSamples sample_over_interval(const SampleRound& sample, const IntervalPlan& plan, const CancellableWait& wait,
                                     std::optional<std::vector<ProxySample>> earlier) {
    IntervalSamples out;
    auto started = std::chrono::steady_clock::now();
    out.first = earlier ? std::move(*earlier) : sample(plan.first);
    if (!plan.interval) return out;
    // The interval runs from the first round's start: a proxy that took its whole timeout to
    // answer (or not) does not add that time to the wait.
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (!wait(std::max(std::chrono::milliseconds(0), *plan.interval - elapsed))) {
        out.cancelled = true;
        return out;
    }
    out.second = sample(plan.second);
    return out;
}

}  // namespace mesh::health

#include "libmesh/health/interval_sampling.hpp"

namespace mesh::health {

IntervalSamples sample_over_interval(const SampleRound& sample, const IntervalPlan& plan, const CancellableWait& wait,
                                     std::optional<std::vector<ProxySample>> earlier) {
    IntervalSamples out;
    out.first = earlier ? std::move(*earlier) : sample(plan.first);
    if (!plan.interval) return out;
    if (!wait(*plan.interval)) {
        out.cancelled = true;
        return out;
    }
    out.second = sample(plan.second);
    return out;
}

}  // namespace mesh::health

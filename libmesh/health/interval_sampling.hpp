#pragma once
// Rates need two samples an interval apart: the sample-wait-sample sequence of `mesh status` and
// `mesh check`, with the wait left to the caller so that Ctrl-C can end it (libmesh installs no
// signal handler).

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "libmesh/health/proxy_sample.hpp"

namespace mesh::health {

/// Takes one sample of every target with `options` (the caller may show progress around it).
using SampleRound = std::function<std::vector<ProxySample>(const SampleOptions& options)>;

/// Waits `duration`; returns false when the wait was cancelled.
using CancellableWait = std::function<bool(std::chrono::milliseconds duration)>;

/// What to sample: the first round's options, the second's (usually fewer probes), and the
/// interval between them (none: one round only).
struct IntervalPlan {
    SampleOptions first;
    SampleOptions second;
    std::optional<std::chrono::milliseconds> interval;
};

/// The rounds taken; `second` is empty for a one-round plan or when the wait was cancelled.
struct IntervalSamples {
    std::vector<ProxySample> first;
    std::optional<std::vector<ProxySample>> second;
    bool cancelled = false;  ///< the wait returned false: stop, nothing more was sampled
};

/// Samples with `plan.first` (or takes `earlier` as the first round when given), then, when the
/// plan has an interval, waits through `wait` for what is left of the interval since the first
/// round began, and samples again with `plan.second`.
IntervalSamples sample_over_interval(const SampleRound& sample, const IntervalPlan& plan, const CancellableWait& wait,
                                     std::optional<std::vector<ProxySample>> earlier = std::nullopt);

}  // namespace mesh::health

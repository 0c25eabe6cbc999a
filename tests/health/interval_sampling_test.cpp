// Two rounds an interval apart, the interval counted from the first round's start.

#include "libmesh/health/interval_sampling.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace mesh::health;
using namespace std::chrono_literals;

TEST(IntervalSampling, ASlowFirstRoundShortensTheWait) {
    IntervalPlan plan;
    plan.interval = 1000ms;
    std::vector<std::chrono::milliseconds> waits;
    int rounds = 0;
    SampleRound slow = [&](const SampleOptions&) {
        ++rounds;
        std::this_thread::sleep_for(300ms);  // a proxy that takes its time to answer
        return std::vector<ProxySample>(1);
    };
    auto samples = sample_over_interval(slow, plan, [&](std::chrono::milliseconds d) {
        waits.push_back(d);
        return true;
    });
    ASSERT_EQ(waits.size(), 1u);
    EXPECT_LE(waits[0], 700ms);  // at least the 300 ms the round took came off the interval
    EXPECT_EQ(rounds, 2);
    EXPECT_TRUE(samples.second);
}

TEST(IntervalSampling, ARoundLongerThanTheIntervalWaitsNothing) {
    IntervalPlan plan;
    plan.interval = 100ms;
    std::chrono::milliseconds waited{-1};
    SampleRound slow = [&](const SampleOptions&) {
        std::this_thread::sleep_for(150ms);
        return std::vector<ProxySample>(1);
    };
    sample_over_interval(slow, plan, [&](std::chrono::milliseconds d) {
        waited = d;
        return true;
    });
    EXPECT_EQ(waited, 0ms);
}

TEST(IntervalSampling, ACancelledWaitTakesNoSecondRound) {
    IntervalPlan plan;
    plan.interval = 100ms;
    int rounds = 0;
    SampleRound count = [&](const SampleOptions&) {
        ++rounds;
        return std::vector<ProxySample>(1);
    };
    auto samples = sample_over_interval(count, plan, [](std::chrono::milliseconds) { return false; });
    EXPECT_TRUE(samples.cancelled);
    EXPECT_FALSE(samples.second);
    EXPECT_EQ(rounds, 1);
}

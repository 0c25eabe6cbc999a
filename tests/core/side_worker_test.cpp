// Jobs handed to a second thread: every one runs exactly once, what waits stays bounded, and a
// job's exception reaches the caller. Also run under ThreadSanitizer (mesh_tsan_tests).

#include "libmesh/core/side_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace mesh::core {
namespace {

TEST(SideWorker, EveryJobRunsOnceAndItsResultIsSeenAfterFinish) {
    std::vector<int> results(2000, 0);  // one slot a job, as the proxy samples are
    SideWorker worker(4096);
    for (std::size_t i = 0; i < results.size(); ++i)
        worker.submit([&results, i] { results[i] += static_cast<int>(i) + 1; }, 1024);
    worker.finish();
    for (std::size_t i = 0; i < results.size(); ++i) ASSERT_EQ(results[i], static_cast<int>(i) + 1) << i;
}

TEST(SideWorker, WhenTooMuchWaitsTheCallerRunsTheJobItself) {
    std::atomic<bool> release{false};
    std::thread::id helper, caller = std::this_thread::get_id(), ran_on;
    SideWorker worker(100);
    worker.submit(
        [&] {
            helper = std::this_thread::get_id();
            while (!release) std::this_thread::yield();
        },
        100);  // waits on the helper thread, holding the whole budget
    worker.submit([&] { ran_on = std::this_thread::get_id(); }, 1);
    EXPECT_EQ(ran_on, caller) << "the second job should not have waited behind a full queue";
    release = true;
    worker.finish();
    EXPECT_NE(helper, caller);
}

TEST(SideWorker, AJobsExceptionIsRethrownByFinishAndTheWorkerCanBeReused) {
    SideWorker worker(1 << 20);
    worker.submit([] { throw std::runtime_error("bad body"); }, 10);
    EXPECT_THROW(worker.finish(), std::runtime_error);
    int ran = 0;
    worker.submit([&ran] { ++ran; }, 10);
    worker.finish();
    EXPECT_EQ(ran, 1);
}

}  // namespace
}  // namespace mesh::core

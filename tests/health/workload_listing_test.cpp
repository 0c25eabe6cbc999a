// The workload listing's own thread (libmesh/health/workload_listing) beside an admin round on the
// caller's, against the fake cluster: also built into mesh_tsan_tests, so ThreadSanitizer sees the
// listing's threads (its own, and its next-page prefetch) and the round's at once.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "libmesh/core/file_reader.hpp"
#include "libmesh/health/kube_discovery.hpp"
#include "libmesh/health/proxy_sample.hpp"
#include "libmesh/health/workload_listing.hpp"
#include "tests/support/fake_cluster.hpp"
#include "tests/support/fake_kube_api.hpp"
#include "tests/support/fake_linkerd.hpp"
#include "tests/support/test_kubeconfig.hpp"

// Compiled in a batch with other test files (unity build): everything here has a namespace of its own.
namespace mesh::testing::workload_listing_test {

kube::KubeEnvironment environment() {
    return {[](const std::string&) { return std::optional<std::string>(); },
            [](const std::string& path) { return core::read_small_file(path, 16u << 20); }};
}

// Log lines from every thread, kept whole.
struct Log {
    std::mutex mutex;
    std::vector<std::string> lines;
    std::function<void(const std::string&)> sink() {
        return [this](const std::string& line) {
            std::lock_guard lock(mutex);
            lines.push_back(line);
        };
    }
};

struct Cluster {
    std::vector<std::unique_ptr<FakeLinkerd>> proxies;
    std::unique_ptr<FakeKubeApi> api;
    std::string kubeconfig;

    // 4 nodes, 3 l5d pods with admin servers, 1,200 application pods (3 pages of 500).
    explicit Cluster(std::optional<WorkloadListFault> fault) {
        std::vector<std::string> backends;
        for (int i = 0; i < 3; ++i) {
            proxies.push_back(std::make_unique<FakeLinkerd>());
            backends.push_back(proxies.back()->address());
        }
        FakeKubeOptions o = scaled_cluster(4, 1200, backends);
        o.workload_list_fault = std::move(fault);
        api = std::make_unique<FakeKubeApi>(o);
        kubeconfig = write_fake_kubeconfig(api->url());
    }

    health::KubeDiscoveryOptions options(std::function<bool()> cancelled = {}) const {
        health::KubeDiscoveryOptions o;
        o.overrides.kubeconfig = kubeconfig;
        o.cluster_checks = true;
        o.workloads = health::WorkloadScope{{}, true, "", 500};
        o.cancelled = std::move(cancelled);
        return o;
    }
};

WorkloadListFault held_first_page() {
    WorkloadListFault f;
    f.hold = true;
    return f;
}

void wait_until_held(FakeKubeApi& api) {
    while (!api.fault_holding()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

TEST(WorkloadListingThread, ListsBesideTheAdminRoundWhatASingleThreadLists) {
    // The second page is answered once the round's first admin request reached the fake: the
    // listing can only finish by running beside the round.
    WorkloadListFault after_first_admin_request;
    after_first_admin_request.request = 1;
    after_first_admin_request.wait_for_proxied = 1;
    Cluster cluster(after_first_admin_request);
    auto client = net::make_curl_client();
    Log log;
    auto found = health::discover_kube_proxies(cluster.options(), environment(), *client, {}, log.sink());
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_EQ(found->targets.size(), 3u);
    ASSERT_TRUE(found->workloads);
    health::SampleOptions round;
    round.probes = {true, true, true, true};
    round.log = log.sink();
    auto samples = health::sample_proxies(*client, found->targets, round);
    const health::WorkloadListing& listing = found->workloads->wait();
    EXPECT_FALSE(cluster.api->fault_waited_out()) << "the listing did not run beside the round";
    for (std::size_t i = 0; i < samples.size(); ++i) EXPECT_TRUE(samples[i].metrics) << i;
    ASSERT_EQ(listing.error, "");
    ASSERT_EQ(listing.pods.size(), 1203u);  // and the 3 l5d pods, which the checks set apart

    // The same pods in the same order as one thread lists them now, the fault spent.
    auto config = kube::load_rest_config(cluster.options().overrides, environment());
    ASSERT_TRUE(config);
    kube::ApiClient api(*config, *client, environment(), {});
    health::WorkloadListing alone = health::list_workloads(api, *cluster.options().workloads, "");
    ASSERT_EQ(alone.pods.size(), listing.pods.size());
    for (std::size_t i = 0; i < alone.pods.size(); ++i)
        ASSERT_EQ(alone.pods[i].namespace_name + "/" + alone.pods[i].name,
                  listing.pods[i].namespace_name + "/" + listing.pods[i].name);
    std::lock_guard lock(log.mutex);
    EXPECT_GE(log.lines.size(), 5u + 3 + 3 * 4);  // discovery, the listing's 3 pages, the round
}

TEST(WorkloadListingThread, CancelledEndsAHeldListingWithoutItsAnswer) {
    Cluster cluster(held_first_page());
    std::atomic<bool> ctrl_c{false};
    auto client = net::make_curl_client();
    auto found = health::discover_kube_proxies(cluster.options([&ctrl_c] { return ctrl_c.load(); }), environment(),
                                               *client, {}, {});
    ASSERT_TRUE(found && found->workloads);
    wait_until_held(*cluster.api);
    ctrl_c = true;
    const health::WorkloadListing& listing = found->workloads->wait();
    EXPECT_TRUE(cluster.api->fault_holding()) << "the listing ended by its answer";
    EXPECT_NE(listing.error.find("(cancelled)"), std::string::npos) << listing.error;
    EXPECT_TRUE(listing.pods.empty());
}

TEST(WorkloadListingThread, DroppingTheDiscoveryEndsAHeldListing) {
    // As when a command returns early (a failed round, Ctrl-C): the listing is not waited out.
    Cluster cluster(held_first_page());
    auto client = net::make_curl_client();
    auto found = health::discover_kube_proxies(cluster.options(), environment(), *client, {}, {});
    ASSERT_TRUE(found && found->workloads);
    wait_until_held(*cluster.api);
    found->workloads.reset();
    EXPECT_TRUE(cluster.api->fault_holding()) << "the listing ended by its answer";
}

}  // namespace mesh::testing::workload_listing_test

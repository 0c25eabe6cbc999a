// Linkerd's dashboard test RouterSummarySpec.js (linkerd/linkerd 1.7.5) samples the recorded
// metrics tree, then the same tree with router multiplier's server requests at 1234, its service
// retries at 481 and one client's requeues at 100; it expects 853 requests (1234 - 381) and 581
// retries. mesh's status and its retry-budget check read the same pair of samples.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libmesh/admin/metrics_tree.hpp"
#include "libmesh/admin/proxy_metrics.hpp"
#include "libmesh/health/proxy_checks.hpp"
#include "libmesh/health/status_report.hpp"
#include "tests/support/test_files.hpp"

using namespace mesh::health;

namespace {

ProxySample sample_of(const nlohmann::json& tree, std::chrono::steady_clock::time_point at) {
    auto root = mesh::admin::parse_metrics_tree(tree.dump());
    EXPECT_TRUE(root) << root.error().message;
    ProxySample s;
    s.taken = at;
    s.metrics = mesh::admin::extract_proxy_metrics(*root);
    return s;
}

// The spec's two samples, one second apart.
struct DashboardSamples {
    std::vector<ProxyTarget> targets{ProxyTarget{}};
    std::vector<ProxySample> before, after;

    DashboardSamples() {
        targets[0].name = "l5d";
        auto tree = nlohmann::json::parse(mesh::testing::read_test_file("testdata/admin/linkerd-metrics-tree.json"));
        auto t0 = std::chrono::steady_clock::now();
        before.push_back(sample_of(tree, t0));
        auto& multiplier = tree["rt"]["multiplier"];
        multiplier["service"]["svc"]["retries"]["total"]["counter"] = 481;
        multiplier["client"]["$/inet/127.1/9030"]["retries"]["requeues"]["counter"] = 100;
        multiplier["server"]["0.0.0.0/4116"]["requests"]["counter"] = 1234;
        after.push_back(sample_of(tree, t0 + std::chrono::seconds(1)));
    }

    const RouterRow& multiplier(const StatusReport& report) const {
        for (const auto& r : report.rows.at(0).routers)
            if (r.name == "multiplier") return r;
        throw std::runtime_error("no multiplier router");
    }

    CheckItem retry_check(std::optional<double> percent_can_retry) {
        if (percent_can_retry) {
            mesh::admin::LinkerConfig config;
            mesh::admin::RouterConfig router;
            router.label = "multiplier";
            router.percent_can_retry = *percent_can_retry;
            config.routers.push_back(router);
            after[0].config = config;
        }
        auto status = build_status(targets, before, &after);
        CheckReport report;
        add_proxy_checks(report, targets, after, status, CheckThresholds{});
        for (const auto& category : report.categories)
            for (const auto& check : category.checks)
                if (check.description == "retries are not hiding failures") return check;
        throw std::runtime_error("no retries check");
    }
};

}  // namespace

TEST(DashboardFixture, RequestsAreTheChangeInTheRequestsCounter) {
    DashboardSamples d;
    auto status = build_status(d.targets, d.before, &d.after);
    const RouterRow& router = d.multiplier(status);
    ASSERT_TRUE(router.traffic.requests);
    EXPECT_EQ(*router.traffic.requests, 853);
    ASSERT_TRUE(router.retries);
    EXPECT_EQ(*router.retries, 581);
    // No request completed in the window: no success rate, as the dashboard shows none.
    EXPECT_FALSE(router.traffic.success_rate);
}

TEST(DashboardFixture, RetriesAtTheDefaultBudgetWarn) {
    DashboardSamples d;
    // 581 / 853 = 68.11% of requests were retries; the dashboard's default budget is 20%.
    CheckItem check = d.retry_check(std::nullopt);
    EXPECT_EQ(check.result, CheckResult::Warning);
    EXPECT_NE(check.error.find("router multiplier: retries are 68.11% of requests, at the retry budget of 20.00%"),
              std::string::npos)
        << check.error;
}

TEST(DashboardFixture, RetryBudgetComesFromPercentCanRetry) {
    DashboardSamples d;
    EXPECT_EQ(d.retry_check(0.7).result, CheckResult::Success);
    CheckItem at_half = d.retry_check(0.5);
    EXPECT_EQ(at_half.result, CheckResult::Warning);
    EXPECT_NE(at_half.error.find("at the retry budget of 50.00%"), std::string::npos) << at_half.error;
}

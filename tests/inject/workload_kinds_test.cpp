// A workload is a kind in its API group, as the API server serves it (issue 11, item 1).

#include <gtest/gtest.h>

#include "libmesh/inject/stream_processor.hpp"
#include "libmesh/inject/workloads.hpp"
#include "tests/support/test_files.hpp"

using namespace mesh;

namespace {

const char* k_template_spec = "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n";

inject::ObjectReport only_report(const std::string& input, const inject::InjectConfig& config = {}) {
    auto result = inject::process_stream(input, "w.yml", inject::Operation::Inject, config);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    if (!result || result->objects.size() != 1) return {};
    return result->objects.front();
}

std::string workload(const std::string& api_version, const std::string& kind) {
    return "apiVersion: " + api_version + "\nkind: " + kind + "\nmetadata:\n  name: w\n" + k_template_spec;
}

}  // namespace

TEST(WorkloadKinds, ApiGroupIsThePartBeforeTheSlash) {
    EXPECT_EQ(inject::api_group("v1"), "");
    EXPECT_EQ(inject::api_group("apps/v1"), "apps");
    EXPECT_EQ(inject::api_group("batch.volcano.sh/v1alpha1"), "batch.volcano.sh");
}

TEST(WorkloadKinds, BuiltInKindsAreInjectedInTheirGroupsAndOldBetas) {
    for (auto [version, kind] : std::vector<std::pair<std::string, std::string>>{{"apps/v1", "Deployment"},
                                                                                 {"extensions/v1beta1", "Deployment"},
                                                                                 {"apps/v1beta2", "DaemonSet"},
                                                                                 {"extensions/v1beta1", "ReplicaSet"},
                                                                                 {"apps/v1beta1", "StatefulSet"},
                                                                                 {"v1", "ReplicationController"},
                                                                                 {"batch/v1", "Job"}}) {
        auto r = only_report(workload(version, kind));
        EXPECT_EQ(r.status, inject::ObjectStatus::Injected) << version << " " << kind << ": " << r.reason;
    }
}

TEST(WorkloadKinds, AWorkloadNameInAnotherGroupIsACustomResourceSkipped) {
    for (auto [version, kind] :
         std::vector<std::pair<std::string, std::string>>{{"apps.kruise.io/v1alpha1", "StatefulSet"},
                                                          {"batch.volcano.sh/v1alpha1", "Job"},
                                                          {"extensions/v1beta1", "StatefulSet"},
                                                          {"apps/v1", "Pod"},
                                                          {"example.com/v1", "CronJob"}}) {
        auto r = only_report(workload(version, kind));
        EXPECT_EQ(r.status, inject::ObjectStatus::Skipped) << version << " " << kind;
        EXPECT_EQ(r.reason, "custom resource; see --kind-path") << version << " " << kind;
    }
}

TEST(WorkloadKinds, WithoutApiVersionTheKindAloneDecides) {
    auto r = only_report("kind: Deployment\nmetadata:\n  name: w\n" + std::string(k_template_spec));
    EXPECT_EQ(r.status, inject::ObjectStatus::Injected);
}

TEST(WorkloadKinds, KindPathWithAGroupMatchesOnlyThatGroup) {
    inject::InjectConfig config;
    config.kind_paths["StatefulSet.apps.kruise.io"] = "spec.template";
    EXPECT_EQ(only_report(workload("apps.kruise.io/v1beta1", "StatefulSet"), config).status,
              inject::ObjectStatus::Injected);
    EXPECT_EQ(only_report(workload("apps.example.com/v1", "StatefulSet"), config).status,
              inject::ObjectStatus::Skipped);
    EXPECT_EQ(only_report(workload("apps/v1", "StatefulSet"), config).status, inject::ObjectStatus::Injected);
}

TEST(WorkloadKinds, KindPathWithoutAGroupMatchesEveryGroup) {
    inject::InjectConfig config;
    config.kind_paths["Rollout"] = "spec.template";
    EXPECT_EQ(only_report(workload("argoproj.io/v1alpha1", "Rollout"), config).status, inject::ObjectStatus::Injected);
    EXPECT_EQ(only_report(workload("example.com/v1", "Rollout"), config).status, inject::ObjectStatus::Injected);
    auto other = only_report(workload("argoproj.io/v1alpha1", "Workflow"), config);
    EXPECT_EQ(other.reason, "not a workload kind");
}

// The table is what --help says: the sentence names every kind with its groups, written out here
// as the Kubernetes API reference lists them.
TEST(WorkloadKinds, HelpSentenceNamesEveryKindInItsGroups) {
    EXPECT_EQ(inject::workload_kinds_sentence(),
              "Pod and ReplicationController (core v1), Deployment, DaemonSet and ReplicaSet (apps, extensions), "
              "StatefulSet (apps), Job and CronJob (batch)");
}

// Every kind of the table, in every group it names, is injected at its template path.
TEST(WorkloadKinds, EveryKindOfTheTableIsInjectedInEachOfItsGroups) {
    for (const auto& k : inject::workload_kinds()) {
        for (auto group : k.groups) {
            std::string version = group.empty() ? "v1" : std::string(group) + "/v1";
            std::string doc = "apiVersion: " + version + "\nkind: " + std::string(k.kind) + "\nmetadata:\n  name: w\n";
            if (k.template_path.empty())
                doc += "spec:\n  containers:\n  - name: a\n    image: x\n";
            else if (k.template_path == "spec.jobTemplate.spec.template")
                doc += "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
                       "          - name: a\n            image: x\n";
            else
                doc += k_template_spec;
            auto r = only_report(doc);
            EXPECT_EQ(r.status, inject::ObjectStatus::Injected) << version << " " << k.kind << ": " << r.reason;
        }
    }
}

// The README names the kinds with the same sentence as --help, so the two cannot drift apart.
TEST(WorkloadKinds, ReadmeNamesTheKindsAsHelpDoes) {
    std::string readme = mesh::testing::read_test_file(mesh::testing::source_path("README.md"));
    EXPECT_NE(readme.find(inject::workload_kinds_sentence()), std::string::npos)
        << "README.md's Kinds paragraph must contain: " << inject::workload_kinds_sentence();
}

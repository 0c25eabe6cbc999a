// Properties over every real manifest of the corpus, in both modes: inject is idempotent,
// uninject inverts it byte for byte, block YAML only gains lines, and the output means the input
// plus exactly what the marker records (checked by an independent parser, yaml-cpp's Node API).

#include <gtest/gtest.h>

#include <filesystem>

#include "libmesh/core/unified_diff.hpp"
#include "libmesh/inject/stream_processor.hpp"
#include "tests/support/run_in_process.hpp"
#include "tests/support/yaml_oracle.hpp"

namespace fs = std::filesystem;
using namespace mesh;

namespace {

std::vector<std::string> corpus_files() {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(mesh::testing::source_path("testdata/manifests/real"))) {
        auto ext = entry.path().extension();
        if (ext == ".yaml" || ext == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct Case {
    std::string file;
    inject::Mode mode;
};

std::string run(const std::string& text, const std::string& name, inject::Operation op,
                const inject::InjectConfig& config) {
    auto result = inject::process_stream(text, name, op, config);
    if (!result) throw std::runtime_error(result.error().message);
    return result->render(text);
}

inject::InjectConfig config_for(const Case& c) {
    inject::InjectConfig config;
    config.mode = c.mode;
    config.skip_refused = true;  // refused workloads are left as they are; the rest is still injected
    return config;
}

class CorpusProperties : public ::testing::TestWithParam<Case> {};

TEST_P(CorpusProperties, InjectIsIdempotentAndUninjectRestoresEveryByte) {
    const auto& c = GetParam();
    std::string input = mesh::testing::read_test_file(c.file);
    auto config = config_for(c);
    std::string injected = run(input, c.file, inject::Operation::Inject, config);
    EXPECT_EQ(run(injected, c.file, inject::Operation::Inject, config), injected) << "inject twice changed it";
    std::string back = run(injected, c.file, inject::Operation::Uninject, config);
    EXPECT_TRUE(back == input) << core::unified_diff(input, back, "uninject(inject(x))");
}

TEST_P(CorpusProperties, BlockYamlOnlyGainsLines) {
    const auto& c = GetParam();
    if (c.file.size() > 5 && c.file.compare(c.file.size() - 5, 5, ".json") == 0)
        GTEST_SKIP() << "JSON gains text inside lines";
    std::string input = mesh::testing::read_test_file(c.file);
    auto config = config_for(c);
    std::string injected = run(input, c.file, inject::Operation::Inject, config);
    std::string diff = core::unified_diff(input, injected, "x");
    std::istringstream lines(diff);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("---", 0) != 0 && !line.empty() && line[0] == '-') ADD_FAILURE() << "removed line: " << line;
}

TEST_P(CorpusProperties, OutputMeansInputPlusTheMarkedAdditions) {
    const auto& c = GetParam();
    std::string input = mesh::testing::read_test_file(c.file);
    auto config = config_for(c);
    std::string injected = run(input, c.file, inject::Operation::Inject, config);
    auto before = mesh::testing::oracle_meaning(input);
    auto after = mesh::testing::oracle_meaning(injected);
    ASSERT_EQ(before.size(), after.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        nlohmann::json stripped = after[i];
        mesh::testing::strip_injection(stripped);
        EXPECT_EQ(stripped, before[i]) << "document " << i << " of " << c.file;
    }
}

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (const auto& f : corpus_files())
        for (auto mode : {inject::Mode::HttpProxy, inject::Mode::Iptables}) cases.push_back({f, mode});
    return cases;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
    std::string name = fs::path(info.param.file).stem().string() +
                       (info.param.mode == inject::Mode::HttpProxy ? "_http" : "_iptables");
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Real, CorpusProperties, ::testing::ValuesIn(all_cases()), case_name);

TEST(CorpusProperties, EveryInjectableWorkloadOfTheCorpusIsInjected) {
    // Guards against a property test that passes because nothing was injected.
    std::size_t injected = 0;
    for (const auto& f : corpus_files()) {
        std::string input = mesh::testing::read_test_file(f);
        inject::InjectConfig config;
        config.skip_refused = true;
        auto result = inject::process_stream(input, f, inject::Operation::Inject, config);
        ASSERT_TRUE(result) << result.error().message;
        for (const auto& o : result->objects) injected += o.status == inject::ObjectStatus::Injected;
    }
    EXPECT_GE(injected, 50u);
}

}  // namespace

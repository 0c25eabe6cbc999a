// Golden tests: testdata/golden/<command>/<case>.args (one argument a line, run from the source
// directory) with .stdout, .stderr and .exit beside it, and an optional .stdin.
// MESH_UPDATE_GOLDEN=1 rewrites the expected files; review them like code.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "libmesh/core/unified_diff.hpp"
#include "tests/support/build_paths.hpp"
#include "tests/support/run_in_process.hpp"

namespace fs = std::filesystem;
using namespace mesh::testing;

namespace {

std::vector<std::string> golden_cases() {
    std::vector<std::string> cases;
    for (const auto& entry : fs::recursive_directory_iterator(source_path("testdata/golden")))
        if (entry.path().extension() == ".args") cases.push_back(entry.path().string());
    std::sort(cases.begin(), cases.end());
    return cases;
}

std::string read_or_empty(const fs::path& path) {
    return fs::exists(path) ? read_test_file(path.string()) : std::string();
}

std::vector<std::string> read_args(const fs::path& path) {
    std::vector<std::string> args;
    std::istringstream lines(read_test_file(path.string()));
    for (std::string line; std::getline(lines, line);) args.push_back(line);
    return args;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesExpectedOutput) {
    fs::path args_file = GetParam();
    fs::path base = args_file;
    base.replace_extension();
    auto args = read_args(args_file);
    fs::current_path(mesh::testing::source_dir());
    auto result = run_mesh(args, read_or_empty(base.string() + ".stdin"));
    std::string exit_text = std::to_string(result.exit_code) + "\n";
    if (std::getenv("MESH_UPDATE_GOLDEN")) {
        std::ofstream(base.string() + ".stdout", std::ios::binary) << result.out;
        std::ofstream(base.string() + ".stderr", std::ios::binary) << result.err;
        std::ofstream(base.string() + ".exit", std::ios::binary) << exit_text;
        return;
    }
    EXPECT_EQ(read_or_empty(base.string() + ".exit"), exit_text) << "stderr:\n" << result.err;
    EXPECT_TRUE(read_or_empty(base.string() + ".stdout") == result.out)
        << mesh::core::unified_diff(read_or_empty(base.string() + ".stdout"), result.out, "stdout");
    EXPECT_TRUE(read_or_empty(base.string() + ".stderr") == result.err)
        << mesh::core::unified_diff(read_or_empty(base.string() + ".stderr"), result.err, "stderr");
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
    fs::path p = info.param;
    std::string name = p.parent_path().filename().string() + "_" + p.stem().string();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(golden_cases()), case_name);

}  // namespace

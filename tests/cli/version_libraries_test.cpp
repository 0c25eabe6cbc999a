// `mesh version -o json` names every library mesh links, each with a version.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/build_paths.hpp"
#include "tests/support/run_process.hpp"

TEST(VersionLibraries, JsonListsEveryLinkedLibraryWithAVersion) {
    auto r = mesh::testing::run_process({mesh::testing::mesh_binary(), "version", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    for (const char* lib : {"yaml-cpp", "libcurl", "nlohmann-json", "fmt", "CLI11", "OpenSSL", "Boost", "libfyaml"}) {
        ASSERT_TRUE(j["libraries"].contains(lib)) << lib;
        std::string version = j["libraries"][lib].get<std::string>();
        EXPECT_FALSE(version.empty()) << lib;
        EXPECT_NE(version.find('.'), std::string::npos) << lib << ": " << version;
    }
}

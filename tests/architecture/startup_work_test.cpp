// Work done before main() is paid by every command, completion scripts included. A std::regex at
// namespace scope is compiled then (libstdc++ takes about 250,000 instructions for a small one:
// a tenth of `mesh version`); compile it on first use, in a function-local static.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "tests/support/build_paths.hpp"

namespace fs = std::filesystem;

TEST(StartupWork, NoRegexIsCompiledAtNamespaceScope) {
    // A declaration at column 0 is at namespace scope (the layout check keeps bodies indented).
    const std::regex global_regex(R"(^(static\s+)?(const\s+)?std::(w?regex|basic_regex<[^>]*>)\s+\w+\s*[({=])");
    int files = 0;
    for (const char* folder : {"libmesh", "cli", "commands", "main"}) {
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(mesh::testing::source_dir()) / folder)) {
            auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
            ++files;
            std::ifstream in(entry.path());
            int number = 0;
            for (std::string line; std::getline(in, line);) {
                ++number;
                EXPECT_FALSE(std::regex_search(line, global_regex))
                    << entry.path().string() << ":" << number << ": " << line;
            }
        }
    }
    EXPECT_GT(files, 100) << "the sources were not found under " << mesh::testing::source_dir();
}

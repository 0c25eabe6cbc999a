// The folder graph of ARCHITECTURE.md, checked: every `#include "..."` edge between folders must be
// one the layering allows, libmesh's modules may include only modules they link (as
// libmesh/CMakeLists.txt declares), and libmesh never includes CLI11 or writes to the process's
// standard streams.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/build_paths.hpp"

namespace {

namespace fs = std::filesystem;

// libmesh's layers, lowest first: a module may depend only on modules of a lower layer.
const std::map<std::string, int> k_module_layer = {
    {"core", 0},   {"net", 1},  {"manifest", 1}, {"dtab", 1},    {"inject", 2},  {"admin", 2},
    {"namerd", 2}, {"kube", 2}, {"health", 3},   {"webhook", 3}, {"install", 3},
};

struct Include {
    std::string file;  // relative to the source tree
    int line;
    std::string target;  // as written between the quotes or brackets
    bool angled;
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<fs::path> sources_under(const fs::path& root) {
    std::vector<fs::path> files;
    if (!fs::exists(root)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp")) files.push_back(entry.path());
    }
    return files;
}

std::vector<Include> includes_under(const std::string& folder) {
    const fs::path source = mesh::testing::source_dir();
    static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
    std::vector<Include> found;
    for (const auto& path : sources_under(source / folder)) {
        std::istringstream text(slurp(path));
        std::string line;
        int number = 0;
        while (std::getline(text, line)) {
            ++number;
            std::smatch m;
            if (std::regex_search(line, m, include_line))
                found.push_back({fs::relative(path, source).string(), number, m[2], m[1] == "<"});
        }
    }
    return found;
}

// "libmesh/dtab/parser.hpp" -> "dtab"; "" when the path is not under libmesh/.
std::string libmesh_module_of(const std::string& path) {
    const std::string prefix = "libmesh/";
    if (path.rfind(prefix, 0) != 0) return {};
    auto slash = path.find('/', prefix.size());
    return slash == std::string::npos ? std::string() : path.substr(prefix.size(), slash - prefix.size());
}

std::string top_folder(const std::string& path) { return path.substr(0, path.find('/')); }

// mesh_module(NAME dep...) lines of libmesh/CMakeLists.txt: NAME -> the mesh_* modules it links.
std::map<std::string, std::set<std::string>> declared_links() {
    std::string cmake = slurp(fs::path(mesh::testing::source_dir()) / "libmesh/CMakeLists.txt");
    static const std::regex module_call(R"(\nmesh_module\((\w+)([^)]*)\))");
    static const std::regex linked_module(R"(\bmesh_(\w+))");
    std::map<std::string, std::set<std::string>> links;
    for (auto it = std::sregex_iterator(cmake.begin(), cmake.end(), module_call); it != std::sregex_iterator(); ++it) {
        std::string deps = (*it)[2];
        auto& set = links[(*it)[1]];
        for (auto d = std::sregex_iterator(deps.begin(), deps.end(), linked_module); d != std::sregex_iterator(); ++d)
            set.insert((*d)[1]);
    }
    return links;
}

std::set<std::string> reachable(const std::map<std::string, std::set<std::string>>& links, const std::string& from) {
    std::set<std::string> seen{from};
    std::vector<std::string> work{from};
    while (!work.empty()) {
        auto at = work.back();
        work.pop_back();
        auto it = links.find(at);
        if (it == links.end()) continue;
        for (const auto& next : it->second)
            if (seen.insert(next).second) work.push_back(next);
    }
    return seen;
}

std::string where(const Include& inc) { return inc.file + ":" + std::to_string(inc.line) + ": " + inc.target; }

}  // namespace

TEST(Layering, EveryLibmeshFolderIsADeclaredModuleWithALayer) {
    auto links = declared_links();
    for (const auto& entry : fs::directory_iterator(fs::path(mesh::testing::source_dir()) / "libmesh")) {
        if (!entry.is_directory()) continue;
        auto name = entry.path().filename().string();
        EXPECT_TRUE(links.count(name)) << "libmesh/" << name << " has no mesh_module() in libmesh/CMakeLists.txt";
        EXPECT_TRUE(k_module_layer.count(name)) << "libmesh/" << name << " has no layer in this test";
    }
}

TEST(Layering, ModulesLinkOnlyLowerLayers) {
    for (const auto& [module, deps] : declared_links()) {
        ASSERT_TRUE(k_module_layer.count(module)) << module;
        for (const auto& dep : deps) {
            ASSERT_TRUE(k_module_layer.count(dep)) << module << " links unknown module " << dep;
            EXPECT_LT(k_module_layer.at(dep), k_module_layer.at(module))
                << "libmesh/" << module << " links libmesh/" << dep << ", which is not a lower layer";
        }
    }
}

TEST(Layering, LibmeshIncludesOnlyWhatItsModuleLinks) {
    auto links = declared_links();
    for (const auto& inc : includes_under("libmesh")) {
        if (inc.angled) continue;
        auto from = libmesh_module_of(inc.file);
        auto to = libmesh_module_of(inc.target);
        ASSERT_FALSE(to.empty()) << where(inc) << " (libmesh includes only libmesh)";
        EXPECT_TRUE(reachable(links, from).count(to))
            << where(inc) << " (libmesh/" << from << " does not link " << to << ")";
    }
}

// Every libcurl handle lives in libmesh/net (one handle setup, one global init); nothing else,
// core included, includes libcurl's headers or links it.
TEST(Layering, OnlyNetUsesLibcurl) {
    const std::set<std::string> folders = {"libmesh", "cli", "commands", "main"};
    for (const auto& folder : folders)
        for (const auto& inc : includes_under(folder)) {
            if (inc.angled && inc.target.rfind("curl/", 0) == 0) {
                EXPECT_EQ(inc.file.rfind("libmesh/net/", 0), 0u) << where(inc);
            }
        }
    std::string cmake = slurp(fs::path(mesh::testing::source_dir()) / "libmesh/CMakeLists.txt");
    // libcurl_headers: the headers only; net/lazy_curl.cpp loads the library on first use.
    static const std::regex links_curl(R"(\nmesh_module\((\w+)[^)]*(CURL::libcurl|libcurl_headers))");
    std::set<std::string> linking;
    for (auto it = std::sregex_iterator(cmake.begin(), cmake.end(), links_curl); it != std::sregex_iterator(); ++it)
        linking.insert((*it)[1]);
    EXPECT_EQ(linking, std::set<std::string>{"net"});
}

TEST(Layering, LibmeshNeverParsesArgvNorPrints) {
    static const std::regex prints(
        R"(std::(cout|cerr|clog)\b|\bprintf\s*\(|\bputs\s*\(|\bfprintf\s*\(\s*std(out|err))");
    for (const auto& inc : includes_under("libmesh"))
        EXPECT_FALSE(inc.angled && inc.target.rfind("CLI/", 0) == 0) << where(inc);
    const fs::path source = mesh::testing::source_dir();
    for (const auto& path : sources_under(source / "libmesh")) {
        std::istringstream text(slurp(path));
        std::string line;
        int number = 0;
        while (std::getline(text, line)) {
            ++number;
            EXPECT_FALSE(std::regex_search(line, prints))
                << fs::relative(path, source).string() << ":" << number << ": " << line;
        }
    }
}

TEST(Layering, FrameworkNeverIncludesCommands) {
    for (const auto& inc : includes_under("cli")) {
        if (!inc.angled) {
            EXPECT_NE(top_folder(inc.target), "commands") << where(inc);
        }
    }
}

TEST(Layering, FoldersIncludeOnlyBelowThemselves) {
    // main -> commands -> cli -> libmesh; tests and fuzz targets may include anything.
    const std::map<std::string, std::set<std::string>> allowed = {
        {"libmesh", {"libmesh"}},
        {"cli", {"cli", "libmesh"}},
        {"commands", {"commands", "cli", "libmesh"}},
        {"main", {"main", "commands", "cli"}},
    };
    for (const auto& [folder, targets] : allowed) {
        for (const auto& inc : includes_under(folder)) {
            if (!inc.angled) {
                EXPECT_TRUE(targets.count(top_folder(inc.target))) << where(inc);
            }
        }
    }
}

TEST(Layering, CommandFamiliesDoNotIncludeEachOther) {
    // A family uses the framework and libmesh; what two families share belongs in one of those,
    // except the injection flags: the webhook injects with exactly `mesh inject`'s flags.
    const std::set<std::string> shared = {"commands/manifest/inject_flags.hpp"};
    for (const auto& inc : includes_under("commands")) {
        if (inc.angled || top_folder(inc.target) != "commands" || shared.count(inc.target)) continue;
        auto family_of = [](const std::string& path) {
            auto first = path.find('/');
            auto second = path.find('/', first + 1);
            return second == std::string::npos ? std::string() : path.substr(first + 1, second - first - 1);
        };
        auto from = family_of(inc.file);
        auto to = family_of(inc.target);
        // commands/all_commands.cpp (no family) wires every family in.
        if (!from.empty() && !to.empty()) {
            EXPECT_EQ(from, to) << where(inc);
        }
    }
}

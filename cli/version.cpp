// `mesh version`: what was built, from which commit, with which libraries.

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/opensslv.h>
#include <yaml-cpp/yaml.h>

#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/output_format.hpp"
#include "cli/version_info.hpp"
#include "libmesh/manifest/independent_meaning.hpp"
#include "libmesh/net/http_client.hpp"

namespace mesh::cli {

std::string version_line() { return fmt::format("mesh version {} ({})", MESH_VERSION, MESH_GIT_COMMIT); }

static nlohmann::ordered_json version_json() {
    nlohmann::ordered_json libs;
    libs["yaml-cpp"] = "0.7.0";  // yaml-cpp 0.7.0 has no version macro; CMake requires this major
    libs["libcurl"] = net::libcurl_version();
    libs["nlohmann-json"] =
        fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH);
    libs["fmt"] = fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
    libs["CLI11"] = CLI11_VERSION;
    libs["OpenSSL"] = OPENSSL_VERSION_STR;
    libs["Boost"] = MESH_BOOST_VERSION;  // CMake's; Beast and Asio are header-only
    libs["libfyaml"] = manifest::independent_parser_version();
    nlohmann::ordered_json j;
    j["version"] = MESH_VERSION;
    j["gitCommit"] = MESH_GIT_COMMIT;
    j["libraries"] = libs;
    return j;
}

void register_version(CLI::App& app, Context& ctx) {
    auto output = std::make_shared<OutputFormat>(OutputFormat::Text);
    CLI::App* cmd = add_command(app, "version", "Print the version, git commit and library versions",
                                "Prints mesh's version, the git commit it was built from and the "
                                "versions of the libraries it was built with.",
                                "  mesh version\n  mesh version -o json\n");
    add_output_flag(*cmd, *output, {{OutputFormat::Text, OutputFormat::Json}, {}}, "Output format");
    set_run(*cmd, ctx, [output](Io& io) -> Outcome {
        nlohmann::ordered_json j = version_json();
        if (*output == OutputFormat::Json) {
            io.out << json_text(j);
            return k_exit_ok;
        }
        io.out << version_line() << '\n';
        for (auto& [name, version] : j["libraries"].items())
            io.out << fmt::format("  {:<14} {}\n", name, version.get<std::string>());
        return k_exit_ok;
    });
}

}  // namespace mesh::cli

// The `namerctl` personality: namerctl's `dtab list|get|create|update|delete` commands, flags and
// output, for scripts written against linkerd/namerctl (spec/dtab.md section 5.2).

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "cli/command.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/core/json_string.hpp"
#include "libmesh/dtab/formatter.hpp"
#include "libmesh/namerd/client.hpp"

namespace mesh::commands {

namespace {

struct NamerctlArgs {
    std::string base_url;
    std::string config;
    std::string version;
    bool json = false;
    bool pretty = true;
    bool help = false;
    std::vector<std::string> positional;
};

struct NamerctlError {
    std::string message;
    std::string usage;
};

const char* k_usage_root = "Usage:\n  namerctl dtab [command]\n\nAvailable Commands:\n"
                           "  create      Create a new dtab\n  delete      Delete a dtab\n  get         Get a dtab\n"
                           "  list        List dtab names\n  update      Update a dtab\n\n"
                           "Flags:\n      --base-url string   namer base url\n      --config string     config file\n"
                           "      --json              print json\n";

bool parse_bool(const std::string& v) { return v == "true" || v == "1" || v == "t" || v == "TRUE" || v == "True"; }

// cobra/pflag accept --flag value and --flag=value.
NamerctlArgs parse_args(const std::vector<std::string>& args) {
    NamerctlArgs out;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string a = args[i];
        std::string value;
        bool has_value = false;
        if (a.rfind("--", 0) == 0) {
            auto eq = a.find('=');
            if (eq != std::string::npos) {
                value = a.substr(eq + 1);
                a = a.substr(0, eq);
                has_value = true;
            }
            auto take = [&]() {
                if (has_value) return value;
                if (i + 1 < args.size()) return args[++i];
                throw NamerctlError{"flag needs an argument: " + a, k_usage_root};
            };
            if (a == "--base-url")
                out.base_url = take();
            else if (a == "--config")
                out.config = take();
            else if (a == "--version")
                out.version = take();
            else if (a == "--json")
                out.json = has_value ? parse_bool(value) : true;
            else if (a == "--pretty")
                out.pretty = has_value ? parse_bool(value) : true;
            else if (a == "--help")
                out.help = true;
            else
                throw NamerctlError{"unknown flag: " + a, k_usage_root};
        } else if (a == "-h") {
            out.help = true;
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

std::string config_base_url(const std::string& explicit_file) {
    std::vector<std::filesystem::path> candidates;
    if (!explicit_file.empty()) {
        candidates.emplace_back(explicit_file);
    } else {
        std::error_code ec;
        for (auto dir = std::filesystem::current_path(ec); !dir.empty(); dir = dir.parent_path()) {
            for (const char* ext : {"yaml", "yml", "json"})
                candidates.push_back(dir / (std::string(".namerctl.") + ext));
            if (dir == dir.root_path()) break;
        }
    }
    for (const auto& file : candidates) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) continue;
        try {
            YAML::Node node = YAML::LoadFile(file.string());  // JSON is YAML too
            if (node["base-url"]) return node["base-url"].as<std::string>();
        } catch (const std::exception&) {
            throw NamerctlError{"cannot read config file " + file.string(), ""};
        }
        return {};
    }
    if (!explicit_file.empty()) throw NamerctlError{"cannot read config file " + explicit_file, ""};
    return {};
}

namerd::Client make_client(const NamerctlArgs& a, cli::Context& ctx) {
    std::string url = a.base_url;
    if (url.empty()) url = ctx.io.getenv("NAMERCTL_BASE_URL").value_or("");
    if (url.empty()) url = config_base_url(a.config);
    if (url.empty()) throw NamerctlError{"empty base URL", ""};
    auto base = namerd::normalize_base_url(url);
    if (!base) throw NamerctlError{"invalid base URL: " + url, ""};
    namerd::ClientOptions options;
    options.base_url = *base;
    return namerd::Client(options);
}

namerd::Response must(core::Result<namerd::Response> r) {
    if (!r) throw NamerctlError{r.error().message, ""};
    return *r;
}

// Go's Response.Status: "409 Conflict", without the protocol.
std::string unexpected(const namerd::Response& r) {
    std::string status = r.status_line;
    if (status.rfind("HTTP/", 0) == 0 && status.find(' ') != std::string::npos)
        status = status.substr(status.find(' ') + 1);
    while (!status.empty() && (status.back() == '\r' || status.back() == '\n')) status.pop_back();
    return "unexpected response: " + status;
}

// namerctl prints `--json` with Go's json.Marshal: compact, strings in Go's bytes (`&` as \u0026...).
template <typename Json> std::string go_json(const Json& j) {
    if (j.is_string()) return core::json_quote(j.template get_ref<const std::string&>(), core::JsonEscape::GoMarshal);
    if (!j.is_structured()) return j.dump();
    std::string out(1, j.is_array() ? '[' : '{');
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it != j.begin()) out += ',';
        if (j.is_object()) out += core::json_quote(it.key(), core::JsonEscape::GoMarshal) + ':';
        out += go_json(it.value());
    }
    return out + (j.is_array() ? ']' : '}');
}

std::string read_source(const std::string& file, cli::Context& ctx) {
    auto text = read_dtab_input(file, ctx.io);
    if (!text) throw NamerctlError{text.error().message, ""};
    return *text;
}

// namerctl sends text as application/dtab unless the first byte is `{` or `[`, when it decodes
// {"version":..,"dtab":[..]} and sends the dtab part as JSON.
std::pair<std::string, std::string> body_for(const std::string& text, std::string* version) {
    if (!text.empty() && (text[0] == '{' || text[0] == '[')) {
        try {
            auto j = nlohmann::json::parse(text);
            if (!j.is_object()) throw std::runtime_error("json: cannot unmarshal array");
            if (j.contains("version") && j["version"].is_string() && version)
                *version = j["version"].get<std::string>();
            return {"application/json", j.value("dtab", nlohmann::json::array()).dump()};
        } catch (const std::exception& e) {
            throw NamerctlError{e.what(), ""};
        }
    }
    return {"application/dtab", text};
}

int run(const NamerctlArgs& a, cli::Context& ctx) {
    const auto& p = a.positional;
    if (p.empty() || p[0] != "dtab" || a.help) {
        ctx.io.out << k_usage_root;
        return p.empty() || a.help ? cli::k_exit_ok : cli::k_exit_usage;
    }
    std::string cmd = p.size() > 1 ? p[1] : "";
    std::vector<std::string> rest(p.begin() + (p.size() > 1 ? 2 : 1), p.end());
    std::string out;
    if (cmd == "list" || cmd == "ls") {
        if (!rest.empty())
            throw NamerctlError{"list does not take arguments", "Usage:\n  namerctl dtab list [flags]\n"};
        auto client = make_client(a, ctx);
        auto r = must(client.request("GET", "/api/1/dtabs", {"Accept: application/json"}, ""));
        if (r.status != 200) throw NamerctlError{unexpected(r), ""};
        nlohmann::json names;
        try {
            names = nlohmann::json::parse(r.body);
        } catch (const std::exception& e) {
            throw NamerctlError{e.what(), ""};
        }
        if (a.json) {
            out = go_json(names) + "\n";
        } else {  // fmt.Println(strings.Join(names, "\n")): no names is one empty line
            std::string joined;
            for (const auto& n : names)
                joined += (joined.empty() ? "" : "\n") + (n.is_string() ? n.get<std::string>() : n.dump());
            out = joined + "\n";
        }
    } else if (cmd == "get" || cmd == "cat") {
        if (rest.size() != 1)
            throw NamerctlError{"get requires a name argument", "Usage:\n  namerctl dtab get <name> [flags]\n"};
        auto client = make_client(a, ctx);
        auto r = must(
            client.request("GET", "/api/1/dtabs/" + namerd::url_encode(rest[0]), {"Accept: application/json"}, ""));
        if (r.status == 404) throw NamerctlError{"resource was not found by ID or name", ""};
        if (r.status != 200) throw NamerctlError{unexpected(r), ""};
        auto d = namerd::dtab_from_json(r.body);
        if (!d) throw NamerctlError{d.error().message, ""};
        std::string version = r.headers.count("etag") ? r.headers["etag"] : "";
        if (a.json) {
            nlohmann::ordered_json j;
            j["version"] = version;
            j["dtab"] = nlohmann::ordered_json::parse(namerd::dtab_to_json(*d));
            out = go_json(j) + "\n";
        } else if (a.pretty) {
            if (!version.empty()) out += "# version " + version + "\n";
            out += dtab::format_namerctl(*d);
        } else {
            for (const auto& e : d->dentries) out += dtab::show(e) + ";";  // Dtab.String(), one line
            out += "\n";
        }
    } else if (cmd == "create" || cmd == "new") {
        if (rest.size() != 2)
            throw NamerctlError{"create requires a name and a file",
                                "Usage:\n  namerctl dtab create <name> <file> [flags]\n"};
        auto [type, body] = body_for(read_source(rest[1], ctx), nullptr);
        auto client = make_client(a, ctx);
        auto r = must(
            client.request("POST", "/api/1/dtabs/" + namerd::url_encode(rest[0]), {"Content-Type: " + type}, body));
        if (r.status != 200 && r.status != 201 && r.status != 204) throw NamerctlError{unexpected(r), ""};
        out = "Created " + rest[0] + "\n";
    } else if (cmd == "update" || cmd == "up") {
        if (rest.size() != 2)
            throw NamerctlError{"update requires a name and a file",
                                "Usage:\n  namerctl dtab update <name> <file> [flags]\n"};
        std::string version = a.version;  // a JSON file's version overrides the flag, as in namerctl
        auto [type, body] = body_for(read_source(rest[1], ctx), &version);
        std::vector<std::string> headers = {"Content-Type: " + type};
        if (!version.empty()) headers.push_back("If-Match: " + version);
        auto client = make_client(a, ctx);
        auto r = must(client.request("PUT", "/api/1/dtabs/" + namerd::url_encode(rest[0]), headers, body));
        if (r.status == 404) throw NamerctlError{"resource was not found by ID or name", ""};
        if (r.status != 200 && r.status != 201 && r.status != 204) throw NamerctlError{unexpected(r), ""};
        out = "Updated " + rest[0] + "\n";
    } else if (cmd == "delete" || cmd == "del" || cmd == "rm") {
        if (rest.size() != 1)
            throw NamerctlError{"delete requires one argument", "Usage:\n  namerctl dtab delete <name> [flags]\n"};
        auto client = make_client(a, ctx);
        auto r = must(client.request("DELETE", "/api/1/dtabs/" + namerd::url_encode(rest[0]), {}, ""));
        if (r.status == 404) throw NamerctlError{"resource was not found by ID or name", ""};
        if (r.status != 200 && r.status != 204) throw NamerctlError{unexpected(r), ""};
        out = "Deleted " + rest[0] + "\n";
    } else {
        ctx.io.out << k_usage_root;
        return cmd.empty() ? cli::k_exit_ok : cli::k_exit_usage;
    }
    ctx.io.out << out;
    return cli::k_exit_ok;
}

}  // namespace

cli::Outcome run_namerctl(const std::vector<std::string>& args, cli::Context& ctx) {
    try {
        return run(parse_args(args), ctx);
    } catch (const NamerctlError& e) {
        // cobra prints "Error: <msg>" and the usage to stderr; namerctl's main then prints the
        // bare message to stdout. namerctl exited 255; mesh keeps its own failure code, 1.
        ctx.io.err << "Error: " << e.message << "\n";
        if (!e.usage.empty()) ctx.io.err << e.usage;
        ctx.io.out << e.message << "\n";
        return cli::k_exit_failed;
    }
}

}  // namespace mesh::commands

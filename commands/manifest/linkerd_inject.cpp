// The `linkerd-inject` personality: linkerd-inject's own flags (Go's flag package style), with the
// init container in spec.initContainers, where Kubernetes 1.8 and later look for it.

#include <fmt/format.h>

#include "cli/command.hpp"
#include "commands/manifest/pipeline.hpp"

namespace mesh::commands {

namespace {

constexpr const char* k_usage =
    "Usage of linkerd-inject:\n"
    "  -f string\n\tinput file; '-' for stdin (required)\n"
    "  -o string\n\toutput file (default stdout)\n"
    "  -linkerdPort string\n\tport of the linkerd DaemonSet's outgoing router (default \"4140\")\n"
    "  -linkerdSvcName string\n\tname of the linkerd DaemonSet's Service (default \"l5d\")\n"
    "  -useServiceVip\n\tDNAT to the Service's VIP, for clusters without the Downward API\n"
    "  -privileged\n\trun the init container privileged (OpenShift, SELinux)\n";

// Go's flag package accepts -name, --name, -name=value and -name value; booleans take no value.
bool split_flag(const std::string& arg, std::string& name, std::optional<std::string>& value) {
    if (arg.size() < 2 || arg[0] != '-') return false;
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    auto eq = body.find('=');
    name = body.substr(0, eq);
    if (eq != std::string::npos) value = body.substr(eq + 1);
    return true;
}

}  // namespace

cli::Outcome run_linkerd_inject(const std::vector<std::string>& args, cli::Context& ctx) {
    ManifestOptions options;
    inject::InjectConfig config;
    config.mode = inject::Mode::Iptables;
    std::string input;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string name;
        std::optional<std::string> value;
        if (!split_flag(args[i], name, value)) {
            ctx.io.err << "linkerd-inject: unexpected argument " << args[i] << '\n' << k_usage;
            return cli::k_exit_usage;
        }
        bool boolean = name == "useServiceVip" || name == "privileged";
        if (name == "h" || name == "help") {
            ctx.io.err << k_usage;
            return cli::k_exit_ok;
        }
        if (boolean) {
            bool on = !value || *value == "true" || *value == "1";
            (name == "useServiceVip" ? config.use_service_vip : config.privileged) = on;
            continue;
        }
        if (!value) {
            if (i + 1 >= args.size()) {
                ctx.io.err << "flag needs an argument: -" << name << '\n' << k_usage;
                return cli::k_exit_usage;
            }
            value = args[++i];
        }
        if (name == "f")
            input = *value;
        else if (name == "o")
            options.output_file = *value;
        else if (name == "linkerdSvcName")
            config.linkerd_svc_name = *value;
        else if (name == "linkerdPort") {
            try {
                config.proxy_port = std::stoi(*value);
            } catch (const std::exception&) {
                config.proxy_port = 0;
            }
            if (config.proxy_port < 1 || config.proxy_port > 65535) {
                ctx.io.err << "invalid value \"" << *value << "\" for flag -linkerdPort\n";
                return cli::k_exit_usage;
            }
        } else {
            ctx.io.err << "flag provided but not defined: -" << name << '\n' << k_usage;
            return cli::k_exit_usage;
        }
    }
    if (input.empty()) {
        ctx.io.err << "Please supply an unmodified Kubernetes resource filename with -f\n";
        return cli::k_exit_failed;
    }
    options.filenames.push_back(input);
    options.report = "none";       // linkerd-inject printed no report
    config.suggest_flags = false;  // it has none of mesh's flags to suggest
    return run_manifest_command(ctx.io, options, inject::Operation::Inject, config);
}

}  // namespace mesh::commands

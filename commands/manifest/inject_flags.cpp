#include "commands/manifest/inject_flags.hpp"

namespace mesh::commands {

void add_inject_flags(CLI::App& cmd, InjectFlags& o, bool skip_refused) {
    cmd.add_option("--mode", o.mode, "How traffic reaches Linkerd: http-proxy or iptables")
        ->check(CLI::IsMember({"http-proxy", "iptables"}))
        ->capture_default_str();
    cmd.add_option("--protocol", o.protocol, "Linkerd router to use: http (4140), h2 (4240) or grpc (4340)")
        ->check(CLI::IsMember({"http", "h2", "grpc"}))
        ->capture_default_str();
    cmd.add_option("--proxy-port", o.proxy_port, "Port of the node's Linkerd router (wins over --protocol)")
        ->check(CLI::Range(1, 65535));
    cmd.add_option("--proxy-env", o.config.extra_proxy_env,
                   "Also set this variable to $(NODE_NAME):PORT (e.g. HTTP_PROXY, grpc_proxy); repeatable")
        ->type_name("NAME");
    cmd.add_option("--no-proxy", o.config.no_proxy, "Set no_proxy to this comma-separated list")->type_name("LIST");
    cmd.add_flag("--overwrite-env", o.config.overwrite_env,
                 "Replace variables the app already sets to other values (recorded, so uninject restores them)");
    cmd.add_option("--init-image", o.config.init_image, "iptables mode: the init container's image")
        ->capture_default_str();
    cmd.add_option("--linkerd-svc-name", o.config.linkerd_svc_name,
                   "iptables mode: the Linkerd DaemonSet's Service name")
        ->capture_default_str();
    cmd.add_flag("--use-service-vip", o.config.use_service_vip,
                 "iptables mode: DNAT to the Service's cluster IP instead of the node (no Downward API)");
    cmd.add_flag("--privileged", o.config.privileged,
                 "iptables mode: run the init container privileged (OpenShift, SELinux)");
    cmd.add_option("--init-arg", o.config.init_args,
                   "iptables mode: one more argument for the init container; repeatable")
        ->type_name("ARG")
        ->allow_extra_args(false);
    if (skip_refused) {  // the CLI's own flags; the webhook always allows and never re-reads text
        cmd.add_flag("--skip-refused", o.config.skip_refused,
                     "Pass workloads that must not be injected through unchanged (reported) instead of failing");
        cmd.add_flag_callback(
            "--no-verify", [&o] { o.config.verify = false; },
            "Skip reading each edited document back (with libfyaml) to check it means the input plus "
            "exactly the additions (about 1.5x as fast; the edits are the same)");
    }
    cmd.add_flag("--allow-host-network", o.config.allow_host_network, "iptables mode: inject hostNetwork pods anyway");
}

void resolve_inject_flags(InjectFlags& o) {
    auto& c = o.config;
    c.mode = o.mode == "iptables" ? inject::Mode::Iptables : inject::Mode::HttpProxy;
    c.proxy_port = o.proxy_port > 0       ? o.proxy_port
                   : o.protocol == "h2"   ? inject::k_h2_port
                   : o.protocol == "grpc" ? inject::k_grpc_port
                                          : inject::k_http_port;
}

}  // namespace mesh::commands

// `mesh dtab delegate`: explain how a path delegates through a dtab, offline as linkerd's dtab
// playground would, or remotely through namerd.

// GCC 12 reports a false -Wnull-dereference inside CLI11's vector<string> option results
// (std::vector relocation inlined into this file); nothing here dereferences null.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "cli/command.hpp"
#include "cli/output_format.hpp"
#include "commands/dtab/delegate_live.hpp"
#include "commands/dtab/namerd_support.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/dtab/binder.hpp"
#include "libmesh/dtab/delegate_tree.hpp"

namespace mesh::commands {

namespace {

struct DelegateOptions {
    std::string path;
    std::vector<std::string> dtab_texts;
    std::vector<std::string> dtab_files;
    cli::OutputFormat output = cli::OutputFormat::Text;
    bool resolve = false;
    std::string fs_namer;
    bool no_symbolic = false;
    NamerdOptions namerd;
    std::string namespace_name;
    std::string proxy;            ///< --proxy: ask this running Linkerd
    std::string dtab_from_proxy;  ///< --dtab-from-proxy: delegate offline with its router's dtab
    std::string router;
};

std::string addr_text(const dtab::Addr& addr) {
    switch (addr.kind) {
    case dtab::Addr::Kind::Bound: {
        std::string out;
        for (const auto& a : addr.addrs) {
            if (!out.empty()) out += ", ";
            out += (a.ip.find(':') != std::string::npos ? "[" + a.ip + "]" : a.ip) + ":" + std::to_string(a.port);
        }
        return out.empty() ? "no addresses" : out;
    }
    case dtab::Addr::Kind::Neg: return "neg";
    case dtab::Addr::Kind::Failed: return "failed: " + addr.cause;
    case dtab::Addr::Kind::Pending: return "unknown offline: " + addr.cause;
    }
    return "";
}

std::string resolve_text(const dtab::BoundTree& tree) {
    switch (tree.kind) {
    case dtab::BoundTree::Kind::Neg: return "neg: no dentry or namer binds this path\n";
    case dtab::BoundTree::Kind::Fail: return "fail: the path is deliberately failed (!)\n";
    case dtab::BoundTree::Kind::Empty: return "empty: bound, with no endpoints ($)\n";
    default: break;
    }
    std::string out;
    auto leaves = dtab::bound_leaves(tree);
    for (const auto* b : leaves)
        out += dtab::show(b->id) + "  residual " + dtab::show(b->residual) + "  [" + addr_text(b->addr) + "]\n";
    return out;
}

cli::Outcome run_remote(const DelegateOptions& opts, cli::Io& io) {
    auto client = make_namerd_client(opts.namerd, io);
    if (!client) return tl::unexpected(client.error());
    // Joining the texts as written breaks on a trailing ';' (";;") or a '# comment' (it swallows the
    // next text); parsed and shown again, they are one dtab namerd reads.
    auto extra = load_dtabs({}, opts.dtab_texts, io);
    if (!extra) return tl::unexpected(extra.error());
    auto body = client->delegate(opts.namespace_name, opts.path, extra->size() == 0 ? "" : dtab::show(*extra));
    if (!body) return tl::unexpected(body.error());
    io.out << *body;
    if (body->empty() || body->back() != '\n') io.out << '\n';
    return cli::k_exit_ok;
}

// The usage errors of --proxy, --dtab-from-proxy and --router; nullopt when the flags agree.
std::optional<std::string> proxy_flags_conflict(const DelegateOptions& opts) {
    bool live = !opts.proxy.empty(), from = !opts.dtab_from_proxy.empty();
    if (live && from) return "--proxy and --dtab-from-proxy are alternatives: ask the proxy, or delegate offline";
    if ((live || from) && !opts.namerd.url.empty())
        return "--namerd cannot be combined with --proxy or --dtab-from-proxy";
    if (!live && !from && !opts.router.empty()) return "--router needs --proxy or --dtab-from-proxy";
    if (live && (opts.resolve || !opts.fs_namer.empty() || opts.no_symbolic))
        return "--resolve, --fs-namer and --no-symbolic-namers are offline-only; the proxy uses its own namers";
    return std::nullopt;
}

cli::Outcome run_delegate(const DelegateOptions& opts, cli::Io& io) {
    if (auto conflict = proxy_flags_conflict(opts)) return core::fail(core::ErrorCode::Usage, *conflict);
    ProxyRouter where{opts.proxy.empty() ? opts.dtab_from_proxy : opts.proxy, opts.router, opts.namerd.timeout_s};
    if (!opts.namerd.url.empty()) {
        if (opts.namespace_name.empty())
            return core::fail(core::ErrorCode::Usage, "--namerd needs --namerd-namespace NS");
        if (!opts.dtab_files.empty() || opts.resolve || !opts.fs_namer.empty())
            return core::fail(core::ErrorCode::Usage, "--dtab-file, --resolve and --fs-namer are offline-only; with "
                                                      "--namerd pass the extra dtab with --dtab");
        return run_remote(opts, io);
    }
    dtab::ParseOptions path_options;
    path_options.file = "PATH";
    auto path = dtab::parse_path(opts.path, path_options);
    if (!path) return tl::unexpected(path.error());
    auto table = load_dtabs(opts.dtab_files, opts.dtab_texts, io);
    if (!table) return tl::unexpected(table.error());
    if (!opts.proxy.empty()) {  // the proxy delegates, with its router's dtab and these entries after it
        auto out = delegate_on_proxy(where, *path, *table, opts.output == cli::OutputFormat::Json);
        if (!out) return tl::unexpected(out.error());
        io.out << *out;
        return cli::k_exit_ok;
    }
    dtab::NamerConfig config;
    if (!opts.dtab_from_proxy.empty()) {
        // The router's dtab is the base: what --dtab-file and --dtab add is tried first.
        auto router = router_from_proxy(where);
        if (!router) return tl::unexpected(router.error());
        *table = dtab::concat(router->dtab, *table);
        config = std::move(router->namers);
    }
    config.symbolic_hash_namers = !opts.no_symbolic;
    if (!opts.fs_namer.empty()) config.fs_dir = opts.fs_namer;
    dtab::Namers namers(config);

    std::string out;
    if (opts.resolve) {
        auto bound = dtab::bind(*table, dtab::NameTree::leaf(*path), namers);
        if (!bound) return tl::unexpected(bound.error());
        out = opts.output == cli::OutputFormat::Json ? dtab::to_json(*bound) + "\n" : resolve_text(*bound);
    } else {
        auto tree = dtab::delegate(*table, *path, namers);
        if (!tree) return tl::unexpected(tree.error());
        out = opts.output == cli::OutputFormat::Json ? dtab::to_json(*tree) + "\n"
                                                     : dtab::to_text(*tree) + dtab::result_line(*tree) + "\n";
    }
    io.out << out;
    return cli::k_exit_ok;
}

}  // namespace

void register_dtab_delegate(CLI::App& dtab, cli::Context& ctx) {
    auto opts = std::make_shared<DelegateOptions>();
    CLI::App* cmd = cli::add_command(
        dtab, "delegate", "Show how a path delegates through a dtab (offline dtab playground)",
        "Computes the delegation tree of PATH exactly as Linkerd 1.7's dtab playground "
        "(/delegator.json) would: every matching dentry, last first, each step with the dentry "
        "that produced it; all alternatives expanded. The dtab is the --dtab-file files (the base "
        "dtab, in order) followed by the --dtab texts (the local dtab): later dentries are tried "
        "first. Namers answered offline: /$/inet and /$/fixedinet (address known when the host is "
        "an IP literal or localhost; no host is 127.0.0.1, as in Finagle), /$/nil, /$/fail, linkerd's /$/io.buoyant.* rewriting namers and "
        "io.buoyant.rinet; /#/<namer>/... paths bind symbolically (the id is the namer's usual "
        "id, the rest is the residual, the address is unknown offline) unless --fs-namer DIR "
        "gives io.l5d.fs its files (lines of `host port` or `host port * weight`, as Linkerd reads them) or --no-symbolic-namers makes them neg. "
        "-o text prints one line per step, then a `result:` line with what the path binds to (or neg, "
        "fail, empty, error); -o json prints linkerd's delegator.json (an address "
        "that would need DNS or a cluster prints as {\"type\":\"pending\"}). --resolve binds as "
        "Finagle does (Alt stops at the first success; a union member's address carries its weight as "
        "namer_nametree_weight) and prints only the bound names. The "
        "depth limit is 100: `Max recursion level reached.` (delegate) or `Max recursion level: "
        "100 reached in Namer lookup` (--resolve). With --namerd URL --namerd-namespace NS the "
        "delegation is asked of namerd instead (GET /api/1/delegate/NS), with --dtab as the "
        "extra dtab (several --dtab texts are parsed and sent as one dtab).\n\n"
        "With --proxy ADDR (a Linkerd 1 admin server: host:port, host for port 9990, or an http(s) "
        "URL) the running proxy delegates: mesh reads the router's dtab from its /config.json "
        "(--router LABEL, default the first router, as the dashboard's dtab playground opens) and "
        "POSTs it, followed by any --dtab-file and --dtab entries, with PATH to /delegator.json as "
        "the playground does, so the answer comes from the proxy's own namers (real Kubernetes "
        "addresses) and nothing changes on the proxy. The tree prints as offline; -o json prints "
        "the proxy's delegator.json as it answered. With --dtab-from-proxy ADDR the router's dtab "
        "is fetched the same way and the delegation is offline, with --dtab-file and --dtab "
        "appended (tried first): a change can be tried before it is pushed; the proxy's io.l5d.rewrite "
        "namers run offline as Linkerd runs them, its other namers bind symbolically. A router whose "
        "interpreter keeps its dtab elsewhere (namerd, io.l5d.mesh, a file or ConfigMap "
        "interpreter) is refused by --dtab-from-proxy. --request-timeout bounds each request to "
        "the proxy too.",
        "  mesh dtab delegate /svc/web --dtab-file routing.dtab\n"
        "  mesh dtab delegate /svc/web --dtab-file routing.dtab --dtab '/svc/web=>/srv/web-v2'\n"
        "  mesh dtab delegate /svc/web --dtab-file routing.dtab -o json\n"
        "  mesh dtab delegate /svc/web --dtab-file routing.dtab --fs-namer ./disco --resolve\n"
        "  mesh dtab delegate /svc/web --namerd http://namerd:4180 --namerd-namespace default\n"
        "  mesh dtab delegate /svc/web --proxy 10.0.0.5:9990 --router outgoing\n"
        "  mesh dtab delegate /svc/web --dtab-from-proxy 10.0.0.5:9990 --dtab '/svc/web=>/srv/web-v2'\n");
    cmd->add_option("path", opts->path, "Logical path to delegate, e.g. /svc/web")->required();
    cmd->add_option("--dtab", opts->dtab_texts, "Dtab text (local dtab; repeatable)");
    cmd->add_option("--dtab-file", opts->dtab_files, "Dtab file, - for stdin (base dtab; repeatable)");
    cli::add_output_flag(*cmd, opts->output, {{cli::OutputFormat::Text, cli::OutputFormat::Json}, {"tree"}},
                         "Output format: text or json");
    cmd->add_flag("--resolve", opts->resolve, "Bind as Finagle does and print only the bound names");
    cmd->add_option("--fs-namer", opts->fs_namer, "Directory of io.l5d.fs files (lines of `host port [* weight]`)")
        ->check(CLI::ExistingDirectory);
    cmd->add_flag("--no-symbolic-namers", opts->no_symbolic,
                  "Treat /#/<namer> paths as neg instead of binding them symbolically");
    cmd->add_option("--namerd", opts->namerd.url, "namerd base URL: delegate remotely");
    cmd->add_option("--namerd-namespace", opts->namespace_name, "namerd namespace for --namerd");
    cmd->add_option("--proxy", opts->proxy, "Linkerd 1 admin address: ask the running proxy to delegate")
        ->type_name("ADDR");
    cmd->add_option("--dtab-from-proxy", opts->dtab_from_proxy,
                    "Linkerd 1 admin address: delegate offline with its router's dtab from /config.json")
        ->type_name("ADDR");
    cmd->add_option("--router", opts->router,
                    "Router label for --proxy or --dtab-from-proxy (default: the first router)")
        ->type_name("LABEL");
    add_namerd_transport_flags(*cmd, opts->namerd);
    cli::set_run(*cmd, ctx, opts, run_delegate);
}

}  // namespace mesh::commands

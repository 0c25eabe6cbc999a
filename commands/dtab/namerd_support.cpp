#include "commands/dtab/namerd_support.hpp"

#include "cli/duration.hpp"

namespace mesh::commands {

void add_namerd_transport_flags(CLI::App& cmd, NamerdOptions& opts) {
    cli::add_duration_option(cmd, "--request-timeout", opts.timeout_s, "How long to wait for each namerd request",
                             {0.001, 86400});
}

core::Result<namerd::Client> make_namerd_client(const NamerdOptions& opts, cli::Io& io) {
    std::string url = opts.url;
    if (url.empty()) url = io.getenv("NAMERD_URL").value_or("");
    if (url.empty()) url = io.getenv("NAMERCTL_BASE_URL").value_or("");
    if (url.empty())
        return core::fail(core::ErrorCode::Usage,
                          "no namerd: pass --namerd URL or set NAMERD_URL (e.g. http://namerd:4180)");
    auto base = namerd::normalize_base_url(url);
    if (!base) return tl::unexpected(base.error());
    namerd::ClientOptions options;
    options.base_url = *base;
    options.timeout_ms = static_cast<long>(opts.timeout_s * 1000);
    options.connect_timeout_ms = std::min(options.timeout_ms, 5000L);
    return namerd::Client(options);
}

}  // namespace mesh::commands

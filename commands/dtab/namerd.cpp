// `mesh dtab list|get|create|update|delete|watch|edit`: namerd's stored dtabs over its HTTP API.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/json_output.hpp"
#include "cli/output_format.hpp"
#include "commands/dtab/namerd_online.hpp"
#include "commands/dtab/namerd_support.hpp"
#include "commands/dtab/support.hpp"
#include "libmesh/core/atomic_write.hpp"
#include "libmesh/core/result.hpp"
#include "libmesh/dtab/formatter.hpp"
#include "libmesh/namerd/upload.hpp"

namespace mesh::commands {

std::string render_get(const namerd::VersionedDtab& got, cli::OutputFormat output) {
    if (output == cli::OutputFormat::Json) {
        nlohmann::ordered_json j;
        j["version"] = got.version;
        j["dtab"] = nlohmann::ordered_json::parse(namerd::dtab_to_json(got.dtab));
        return cli::json_text(j, cli::JsonLayout::OneLine);
    }
    if (output == cli::OutputFormat::Compact) return dtab::format_compact(got.dtab);
    std::string out;
    if (!got.version.empty()) out += "# version " + got.version + "\n";
    return out + dtab::format_namerctl(got.dtab);
}

namespace {

struct OnlineOptions {
    NamerdOptions namerd;
    std::string ns;
    std::string file = "-";
    cli::OutputFormat output = cli::OutputFormat::Text;
    std::string version;
    bool force = false;
};

CLI::App* online_command(CLI::App& dtab, const std::string& name, const std::string& summary,
                         const std::string& description, const std::string& examples, OnlineOptions& opts) {
    CLI::App* cmd = cli::add_command(dtab, name, summary, description, examples);
    cmd->add_option("--namerd", opts.namerd.url, "namerd base URL (default $NAMERD_URL, then $NAMERCTL_BASE_URL)");
    add_namerd_transport_flags(*cmd, opts.namerd);
    return cmd;
}

cli::Outcome run_list(const OnlineOptions& opts, cli::Io& io) {
    auto client = make_namerd_client(opts.namerd, io);
    if (!client) return tl::unexpected(client.error());
    auto names = client->list();
    if (!names) return tl::unexpected(names.error());
    std::string out;
    if (opts.output == cli::OutputFormat::Json) {
        out = cli::json_text(nlohmann::json(*names), cli::JsonLayout::OneLine);
    } else {
        for (const auto& n : *names) out += n + "\n";
    }
    io.out << out;
    return cli::k_exit_ok;
}

cli::Outcome run_get(const OnlineOptions& opts, cli::Io& io) {
    auto client = make_namerd_client(opts.namerd, io);
    if (!client) return tl::unexpected(client.error());
    auto got = client->get(opts.ns);
    if (!got) return tl::unexpected(got.error());
    io.out << render_get(*got, opts.output);
    return cli::k_exit_ok;
}

// The dtab a create or update sends: the file (or stdin), with its `# version` line if any.
core::Result<namerd::UploadedDtab> read_upload(const OnlineOptions& opts, cli::Io& io) {
    MESH_TRY_ASSIGN(auto text, read_dtab_input(opts.file, io));
    return namerd::parse_upload(text, input_name(opts.file), k_max_dtab_input);
}

cli::Outcome run_create(const OnlineOptions& opts, cli::Io& io) {
    MESH_TRY_ASSIGN(auto upload, read_upload(opts, io));
    MESH_TRY_ASSIGN(auto client, make_namerd_client(opts.namerd, io));
    MESH_TRY(client.create(opts.ns, upload.dtab));
    io.out << "Created " << opts.ns << "\n";
    return cli::k_exit_ok;
}

cli::Outcome update_with(namerd::Client& client, const std::string& ns, const namerd::UploadedDtab& upload,
                         const std::string& flag_version, bool force, cli::Io& io) {
    std::optional<std::string> version;
    if (!flag_version.empty())
        version = flag_version;  // explicit beats the file's line
    else if (upload.version)
        version = upload.version;
    if (force) version.reset();
    if (!version && !force)
        return core::fail(core::ErrorCode::Refused, "no version to update " + ns +
                                                        " against: keep the `# version` "
                                                        "line that `mesh dtab get` prints, pass --version ETAG, or "
                                                        "--force to overwrite whatever namerd has");
    auto r = client.update(ns, upload.dtab, version);
    if (!r) return tl::unexpected(r.error());
    io.out << "Updated " << ns << "\n";
    return cli::k_exit_ok;
}

cli::Outcome run_update(const OnlineOptions& opts, cli::Io& io) {
    MESH_TRY_ASSIGN(auto upload, read_upload(opts, io));
    MESH_TRY_ASSIGN(auto client, make_namerd_client(opts.namerd, io));
    return update_with(client, opts.ns, upload, opts.version, opts.force, io);
}

cli::Outcome run_delete(const OnlineOptions& opts, cli::Io& io) {
    auto client = make_namerd_client(opts.namerd, io);
    if (!client) return tl::unexpected(client.error());
    auto r = client->remove(opts.ns);
    if (!r) return tl::unexpected(r.error());
    io.out << "Deleted " << opts.ns << "\n";
    return cli::k_exit_ok;
}

cli::Outcome run_watch(const OnlineOptions& opts, cli::Io& io) {
    auto client = make_namerd_client(opts.namerd, io);
    if (!client) return tl::unexpected(client.error());
    // namerd answers a watch of a missing namespace with 200 and then nothing, for ever.
    if (!opts.ns.empty())
        if (auto exists = client->get(opts.ns); !exists) return tl::unexpected(exists.error());
    std::optional<std::string> stream_error;
    auto r = client->watch(opts.ns, [&](const std::string& line) {
        if (line.empty()) return true;
        auto d = namerd::dtab_from_json(line);
        if (!d) {
            stream_error = line;  // namerd writes the failure as a last plain-text line
            return false;
        }
        if (opts.output == cli::OutputFormat::Json) {
            io.out << line << "\n" << std::flush;
            return true;
        }
        io.out << dtab::show(*d) << "\n" << std::flush;
        return true;
    });
    if (!r) return tl::unexpected(r.error());
    if (stream_error)
        return core::fail(core::ErrorCode::Network,
                          "namerd ended the watch of " + opts.ns + ": " + stream_error->substr(0, 500));
    return cli::k_exit_ok;
}

int run_editor(const std::string& editor, const std::string& file) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        // Through the shell so EDITOR may carry arguments ("code -w"), as kubectl edit allows.
        execl("/bin/sh", "sh", "-c", (editor + " \"$1\"").c_str(), "sh", file.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

cli::Outcome run_edit(const OnlineOptions& opts, cli::Io& io) {
    auto client = make_namerd_client(opts.namerd, io);
    if (!client) return tl::unexpected(client.error());
    auto got = client->get(opts.ns);
    if (!got) return tl::unexpected(got.error());
    std::string original = render_get(*got, cli::OutputFormat::Text);
    std::string editor = io.getenv("VISUAL").value_or("");
    if (editor.empty()) editor = io.getenv("EDITOR").value_or("");
    if (editor.empty()) editor = "vi";
    char tmpl[] = "/tmp/mesh-dtab-edit-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return core::fail(core::ErrorCode::Io, "cannot create a temporary file");
    close(fd);
    std::string file = std::string(tmpl);
    std::string header = "# Editing namerd namespace " + opts.ns +
                         ". Lines starting with '#' are comments. Save and quit to apply;\n"
                         "# an unchanged file cancels. Keep the version line: it guards against\n"
                         "# overwriting a concurrent change.\n";
    std::string content = header + original;
    if (auto w = core::write_file_atomically(file, content); !w) return tl::unexpected(w.error());
    int rc = run_editor(editor, file);
    if (rc != 0) {
        std::filesystem::remove(file);
        return core::fail(core::ErrorCode::Refused,
                          "editor `" + editor + "` exited with status " + std::to_string(rc) + "; nothing changed");
    }
    auto edited = read_dtab_input(file, io);
    if (!edited) return tl::unexpected(edited.error());
    if (*edited == content) {
        std::filesystem::remove(file);
        io.err << "Edit cancelled, no changes made.\n";
        return cli::k_exit_ok;
    }
    std::string kept = "mesh: your edit is kept in " + file + "\n";
    auto upload = namerd::parse_upload(*edited, file, k_max_dtab_input);
    if (!upload) return tl::unexpected(cli::CommandError(upload.error(), kept));
    auto result = update_with(*client, opts.ns, *upload, "", false, io);
    if (!result) return tl::unexpected(cli::CommandError(result.error().error, kept));
    if (*result != cli::k_exit_ok)
        io.err << kept;
    else
        std::filesystem::remove(file);
    return result;
}

}  // namespace

void register_dtab_namerd(CLI::App& dtab, cli::Context& ctx) {
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd = online_command(dtab, "list", "List namerd's dtab namespaces",
                                       "GET /api/1/dtabs: prints the namespace names one a line "
                                       "(-o json: namerd's JSON array).",
                                       "  mesh dtab list --namerd http://namerd:4180\n", *opts);
        cli::add_output_flag(*cmd, opts->output, {{cli::OutputFormat::Text, cli::OutputFormat::Json}, {"pretty"}},
                             "Output format: text or json");
        cli::set_run(*cmd, ctx, opts, run_list);
    }
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd =
            online_command(dtab, "get", "Print a namespace's dtab with its version",
                           "GET /api/1/dtabs/NS: prints `# version <etag>` and then the dtab one dentry a line "
                           "with aligned arrows, as namerctl did. Keep the version line when you edit the file: "
                           "`mesh dtab update` uses it so a concurrent change is refused, not overwritten. "
                           "-o compact prints Finagle's one-line form; -o json prints "
                           "{\"version\":...,\"dtab\":[{\"prefix\":...,\"dst\":...}]} as namerctl --json did.",
                           "  mesh dtab get default > default.dtab\n  mesh dtab get default -o json\n", *opts);
        cmd->add_option("namespace", opts->ns, "Namespace")->required();
        cli::add_output_flag(
            *cmd, opts->output,
            {{cli::OutputFormat::Text, cli::OutputFormat::Compact, cli::OutputFormat::Json}, {"pretty"}},
            "Output format: text, compact or json");
        cli::set_run(*cmd, ctx, opts, run_get);
    }
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd =
            online_command(dtab, "create", "Create a namespace from a dtab file",
                           "Parses FILE (or stdin) locally first, so a syntax error is reported with its line "
                           "and column before anything is sent, then POSTs it to /api/1/dtabs/NS. Refuses if "
                           "the namespace exists (409). JSON files ({\"dtab\":[...]} or a bare array) are "
                           "accepted too. namerd stores the dtab without comments.",
                           "  mesh dtab create staging staging.dtab\n", *opts);
        cmd->add_option("namespace", opts->ns, "Namespace")->required();
        cmd->add_option("file", opts->file, "Dtab file, or - for stdin")->required();
        cli::set_run(*cmd, ctx, opts, run_create);
    }
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd =
            online_command(dtab, "update", "Replace a namespace's dtab, refusing to overwrite a concurrent change",
                           "PUTs FILE (or stdin) to /api/1/dtabs/NS with If-Match set to the version the dtab "
                           "was read at: --version ETAG, else the file's `# version <etag>` line (as `mesh dtab "
                           "get` writes it), else the \"version\" of a JSON file. If namerd's dtab changed since, "
                           "namerd answers 412 and nothing is overwritten (exit 1). Without any version the "
                           "update is refused unless --force, which overwrites unconditionally. Server errors "
                           "are printed with namerd's message.",
                           "  mesh dtab get default > d.dtab && $EDITOR d.dtab && mesh dtab update default d.dtab\n"
                           "  mesh dtab update default d.dtab --force\n",
                           *opts);
        cmd->add_option("namespace", opts->ns, "Namespace")->required();
        cmd->add_option("file", opts->file, "Dtab file, or - for stdin")->required();
        auto* version = cmd->add_option("--version", opts->version, "The ETag the edit is based on");
        cmd->add_flag("--force", opts->force, "Overwrite without a version check")->excludes(version);
        cli::set_run(*cmd, ctx, opts, run_update);
    }
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd = online_command(dtab, "delete", "Delete a namespace", "DELETE /api/1/dtabs/NS.",
                                       "  mesh dtab delete staging\n", *opts);
        cmd->add_option("namespace", opts->ns, "Namespace")->required();
        cli::set_run(*cmd, ctx, opts, run_delete);
    }
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd =
            online_command(dtab, "watch", "Print a namespace's dtab every time it changes",
                           "GET /api/1/dtabs/NS?watch=true: prints the dtab in Finagle's one-line form now and "
                           "after every change, one line each, until namerd closes the stream or you interrupt "
                           "(-o json: namerd's JSON lines as sent). A failure namerd reports on the stream is an "
                           "error (exit 1).",
                           "  mesh dtab watch default\n", *opts);
        cmd->add_option("namespace", opts->ns, "Namespace")->required();
        cli::add_output_flag(*cmd, opts->output, {{cli::OutputFormat::Text, cli::OutputFormat::Json}, {"pretty"}},
                             "Output format: text or json");
        cli::set_run(*cmd, ctx, opts, run_watch);
    }
    {
        auto opts = std::make_shared<OnlineOptions>();
        CLI::App* cmd =
            online_command(dtab, "edit", "Edit a namespace's dtab in $EDITOR and apply it safely",
                           "Like kubectl edit: fetches NS, opens it in $VISUAL or $EDITOR (default vi) with its "
                           "`# version` line, parses what you saved and updates with If-Match, so a concurrent "
                           "change is refused instead of overwritten. An unchanged file cancels. On a parse or "
                           "update error your edit is kept in a temporary file whose name is printed.",
                           "  EDITOR=nano mesh dtab edit default\n", *opts);
        cmd->add_option("namespace", opts->ns, "Namespace")->required();
        cli::set_run(*cmd, ctx, opts, run_edit);
    }
}

}  // namespace mesh::commands

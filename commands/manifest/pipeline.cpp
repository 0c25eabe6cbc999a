#include "commands/manifest/pipeline.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "cli/diff_colour.hpp"
#include "cli/every_error.hpp"
#include "cli/terminal.hpp"
#include "commands/manifest/report.hpp"
#include "libmesh/core/atomic_write.hpp"
#include "libmesh/core/file_set_writer.hpp"
#include "libmesh/core/input.hpp"
#include "libmesh/inject/stream_diff.hpp"
#include "libmesh/manifest/meaning.hpp"
#include "libmesh/manifest/output_format.hpp"
#include "libmesh/net/fetch.hpp"

namespace mesh::commands {

namespace {

struct Processed {
    core::InputFile input;
    inject::StreamResult result;
};

// Names each refused workload (the first five) with its reason.
std::string refusal_message(const std::vector<const inject::ObjectReport*>& refused, bool suggest_flags) {
    std::string named;
    for (std::size_t i = 0; i < refused.size() && i < 5; ++i) {
        const auto& o = *refused[i];
        named += fmt::format("\n  {}:{}: {} \"{}\": {}", o.file, o.line, o.kind, o.name, o.reason);
    }
    if (refused.size() > 5) named += fmt::format("\n  and {} more", refused.size() - 5);
    return fmt::format("refused to inject {} workload{}; nothing was written{}:{}", refused.size(),
                       refused.size() == 1 ? "" : "s",
                       suggest_flags ? " (--skip-refused passes them through unchanged)" : "", named);
}

core::Error usage(std::string message) { return core::Error{core::ErrorCode::Usage, std::move(message), {}, {}}; }

core::Result<void> validate(const ManifestOptions& o) {
    if (o.filenames.empty()) return tl::unexpected(usage("-f/--filename is required (use '-f -' for stdin)"));
    if (o.in_place && o.diff) return tl::unexpected(usage("--in-place and --diff cannot be used together"));
    if (o.in_place && !o.output.empty()) return tl::unexpected(usage("--in-place keeps each file's format; drop -o"));
    return {};
}

// The document rendered in the requested format ("" keeps it as it is).
core::Result<std::string> convert_document(std::string_view text, const manifest::DocumentRange& range,
                                           const std::string& file, const std::string& format,
                                           const core::Limits& limits) {
    manifest::DocumentOrigin origin{file, range.first_line};
    // kubectl's line reader ends an unterminated last line with a newline: a `|` scalar there is "x\n".
    std::string terminated;
    if (!range.json && !text.empty() && text.back() != '\n') text = terminated = std::string(text) + '\n';
    auto tree = manifest::parse_document(text, origin, limits);
    if (!tree) return tl::unexpected(tree.error());
    if (tree->root == manifest::k_no_node) return std::string();
    if (format == "yaml" && !range.json) {
        std::string out(text);
        if (!out.empty() && out.back() != '\n') out += '\n';
        return out;
    }
    auto meaning = manifest::document_meaning(*tree, origin, limits.max_nodes_per_document);
    if (!meaning) return tl::unexpected(meaning.error());
    auto json = manifest::output_json(*meaning);
    if (!json) {
        json.error().location = {file, range.first_line, 0};
        return tl::unexpected(json.error());
    }
    return format == "json" ? json->dump() + "\n" : manifest::json_to_block_yaml(*json);
}

// Several inputs are joined into one stream; a `---` keeps their documents apart (and makes a
// stream that would start with JSON read as YAML, which holds JSON documents too).
void write_joined(const std::vector<Processed>& processed, std::ostream& out) {
    bool ends_with_newline = true;
    for (std::size_t i = 0; i < processed.size(); ++i) {
        const auto& p = processed[i];
        bool starts_json = !p.result.documents.empty() && p.result.documents.front().json;
        if (processed.size() > 1 && (i > 0 || starts_json)) out << (ends_with_newline ? "---\n" : "\n---\n");
        p.result.write_to(p.input.content, out);
        // Only the input's last byte matters: changes never touch a document's final newline.
        ends_with_newline = p.input.content.empty() || p.input.content.back() == '\n';
    }
}

// Every document converted to -o yaml or json; built whole, since a conversion may fail.
core::Result<std::string> render_converted(const std::vector<Processed>& processed, const ManifestOptions& options,
                                           const core::Limits& limits) {
    std::string out;
    bool first = true;
    for (const auto& p : processed) {
        for (std::size_t i = 0; i < p.result.documents.size(); ++i) {
            std::string document = p.result.document_text(p.input.content, i);
            auto text = convert_document(document, p.result.documents[i], p.input.name, options.output, limits);
            if (!text) return tl::unexpected(text.error());
            if (text->empty()) continue;
            if (options.output == "yaml" && !first) out += "---\n";
            out += *text;
            first = false;
        }
    }
    return out;
}

}  // namespace

void add_manifest_flags(CLI::App& command, ManifestOptions& o) {
    command
        .add_option(
            "-f,--filename", o.filenames,
            "Manifest to read: a file, '-' for stdin, a directory (.yaml/.yml/.json files) or an https:// URL; repeatable")
        ->type_name("FILE")
        ->allow_extra_args(false);
    command.add_flag("-R,--recursive", o.recursive, "Descend into subdirectories of directories given with -f");
    command
        .add_option("-o,--output", o.output,
                    "Write every document as yaml or json (default: each keeps its own format)")
        ->check(CLI::IsMember({"yaml", "json"}));
    command.add_flag("--in-place", o.in_place, "Rewrite the input files atomically instead of writing to stdout");
    command.add_flag("--diff", o.diff, "Print a unified diff of what would change; exit 3 when something would");
    command.add_option("--report", o.report, "Per-object report on stderr: text, json or none")
        ->check(CLI::IsMember({"text", "json", "none"}))
        ->capture_default_str();
    command
        .add_option("--kind-path", o.kind_paths,
                    "KIND[.GROUP]=DOTTED.PATH: where a custom kind keeps its pod template (e.g. "
                    "Rollout.argoproj.io=spec.template; a plain KIND matches any API group); repeatable")
        ->type_name("KIND[.GROUP]=PATH");
}

core::Result<void> apply_kind_paths(const std::vector<std::string>& values, inject::InjectConfig& config) {
    for (const auto& value : values) {
        auto eq = value.find('=');
        std::string kind = value.substr(0, eq), path = eq == std::string::npos ? "" : value.substr(eq + 1);
        bool ok = !kind.empty() && !path.empty() && path.front() != '.' && path.back() != '.' &&
                  path.find("..") == std::string::npos;
        if (!ok)
            return tl::unexpected(usage(fmt::format(
                "--kind-path {}: expected KIND[.GROUP]=DOTTED.PATH, e.g. Rollout.argoproj.io=spec.template", value)));
        config.kind_paths[kind] = path;
    }
    return {};
}

std::string limits_help(const core::Limits& l) {
    return fmt::format("Limits: input {} MiB, document {} MiB, {} documents, nesting {} levels, scalar {} MiB, "
                       "{} nodes per document (aliases count as the nodes they expand to).",
                       l.max_input_bytes >> 20, l.max_document_bytes >> 20, l.max_documents, l.max_depth,
                       l.max_scalar_bytes >> 20, l.max_nodes_per_document);
}

cli::Outcome run_manifest_command(cli::Io& io, const ManifestOptions& options, inject::Operation operation,
                                  const inject::InjectConfig& config) {
    if (auto ok = validate(options); !ok) return tl::unexpected(ok.error());
    core::InputOptions input_options{options.recursive, config.limits, net::fetch_url};
    auto inputs = core::read_inputs(options.filenames, input_options, io.in);
    if (!inputs) return tl::unexpected(inputs.error());
    if (options.in_place)
        for (const auto& input : *inputs)
            if (!input.is_regular_file)
                return tl::unexpected(usage(fmt::format("--in-place needs files; {} is not one", input.name)));

    // Every input is processed before anything is written, and every failing one is reported.
    std::vector<Processed> processed;
    RunReport report;
    report.operation = operation;
    bool several = inputs->size() > 1;  // one input: nothing to count
    cli::ProgressReporter progress(io, operation == inject::Operation::Inject ? "injecting" : "uninjecting",
                                   several ? inputs->size() : 0);
    for (auto& input : *inputs) {
        auto result = inject::process_stream(input.content, input.name, operation, config);
        if (several) progress.advance(input.name);
        if (!result) {
            report.errors.push_back(std::move(result.error()));
            continue;
        }
        // Moved, not copied: on a large input two copies of the reports cost megabytes of peak RSS.
        if (report.objects.empty()) {
            report.objects = std::move(result->objects);
        } else {
            report.objects.reserve(report.objects.size() + result->objects.size());
            for (auto& o : result->objects) report.objects.push_back(std::move(o));
        }
        result->objects = {};
        processed.push_back(Processed{std::move(input), std::move(*result)});
    }
    progress.finish();  // so the report and errors start on a clean line
    bool colour = cli::colour_allowed(io, cli::Stream::Err);
    auto write_report = [&] {
        if (options.report == "text")
            write_text_report(io.err, report, colour);
        else if (options.report == "json")
            write_json_report(io.err, report);
    };
    if (!report.errors.empty()) {
        write_report();
        return tl::unexpected(cli::every_error(report.errors));
    }
    std::vector<const inject::ObjectReport*> refused;
    for (const auto& o : report.objects)
        if (o.status == inject::ObjectStatus::Refused) refused.push_back(&o);
    bool warned = std::any_of(report.objects.begin(), report.objects.end(), [](const auto& o) {
        return !o.warnings.empty() || o.status == inject::ObjectStatus::NotRouted;
    });
    int done = options.fail_on_warning && warned ? cli::k_exit_finding : cli::k_exit_ok;
    if (!refused.empty() && !config.skip_refused) {
        write_report();
        return core::fail(core::ErrorCode::Refused, refusal_message(refused, config.suggest_flags));
    }

    if (options.diff) {
        std::string diff;
        for (const auto& p : processed) diff += inject::unified_diff(p.result, p.input.content, p.input.name);
        io.out << (cli::colour_allowed(io, cli::Stream::Out) ? cli::colour_diff(diff) : diff);
        write_report();
        return diff.empty() ? done : cli::k_exit_finding;
    }
    if (options.in_place) {
        report.written_to = "in place";
        // All or nothing: every new file is written first, then all are renamed at once.
        core::FileSetWriter files;
        for (const auto& p : processed) {
            if (!p.result.changed()) continue;
            if (auto ok = files.stage(p.input.name, p.result.render(p.input.content)); !ok)
                return tl::unexpected(ok.error());
            ++report.files_written;
        }
        if (auto ok = files.commit(); !ok) return tl::unexpected(ok.error());
        write_report();
        return done;
    }
    std::string converted;
    if (!options.output.empty()) {
        auto out = render_converted(processed, options, config.limits);
        if (!out) return tl::unexpected(out.error());
        converted = std::move(*out);
    }
    report.files_written = 1;
    if (!options.output_file.empty()) {
        if (options.output.empty()) {
            std::ostringstream joined;
            write_joined(processed, joined);
            converted = std::move(joined).str();
        }
        if (auto ok = core::write_file_atomically(options.output_file, converted); !ok)
            return tl::unexpected(ok.error());
        report.written_to = options.output_file;
    } else if (options.output.empty()) {
        write_joined(processed, io.out);
        report.written_to = "stdout";
    } else {
        io.out << converted;
        report.written_to = "stdout";
    }
    write_report();
    return done;
}

}  // namespace mesh::commands

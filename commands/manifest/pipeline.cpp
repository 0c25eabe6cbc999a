#include "commands/manifest/pipeline.hpp"

#include <sstream>

#include <fmt/format.h>

#include "commands/manifest/report.hpp"
#include "cli/terminal.hpp"
#include "libmesh/core/atomic_write.hpp"
#include "libmesh/core/input.hpp"
#include "libmesh/core/unified_diff.hpp"
#include "libmesh/manifest/meaning.hpp"
#include "libmesh/manifest/output_format.hpp"
#include "libmesh/net/fetch.hpp"

namespace mesh::commands {

namespace {

struct Processed {
    core::InputFile input;
    inject::StreamResult result;
};

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

// The file as segments: each rewritten document, widened to whole lines (and merged with any
// changed neighbour it shares a line with), against its new text; the bytes between stay equal.
std::string render_diff(const Processed& p) {
    const std::string& input = p.input.content;
    struct Piece {
        std::size_t begin, end;         // widened range in the input
        std::vector<std::size_t> docs;  // rewritten documents inside it
    };
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < p.result.documents.size(); ++i) {
        if (!p.result.changes[i].changed()) continue;
        const auto& d = p.result.documents[i];
        std::size_t begin = d.begin == 0 ? 0 : input.rfind('\n', d.begin - 1);
        begin = begin == std::string::npos || d.begin == 0 ? 0 : begin + 1;
        std::size_t end = d.end;
        if (end > 0 && input[end - 1] != '\n') {
            end = input.find('\n', end);
            end = end == std::string::npos ? input.size() : end + 1;
        }
        if (!pieces.empty() && begin < pieces.back().end) {
            pieces.back().end = std::max(pieces.back().end, end);
            pieces.back().docs.push_back(i);
        } else {
            pieces.push_back({begin, end, {i}});
        }
    }
    std::vector<std::string> afters;
    for (const auto& piece : pieces) {
        std::string after;
        std::size_t copied = piece.begin;
        for (std::size_t i : piece.docs) {
            after.append(input, copied, p.result.documents[i].begin - copied);
            after += p.result.document_text(input, i);
            copied = p.result.documents[i].end;
        }
        after.append(input, copied, piece.end - copied);
        afters.push_back(std::move(after));
    }
    std::vector<core::DiffSegment> segments;
    std::size_t copied = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        std::string_view gap(input.data() + copied, pieces[k].begin - copied);
        segments.push_back({gap, gap});
        segments.push_back({std::string_view(input.data() + pieces[k].begin, pieces[k].end - pieces[k].begin), afters[k]});
        copied = pieces[k].end;
    }
    std::string_view rest(input.data() + copied, input.size() - copied);
    segments.push_back({rest, rest});
    return core::unified_diff_segments(segments, p.input.name);
}

}  // namespace

void add_manifest_flags(CLI::App& command, ManifestOptions& o) {
    command.add_option("-f,--filename", o.filenames,
                       "Manifest to read: a file, '-' for stdin, a directory (.yaml/.yml/.json files) or an https:// URL; repeatable")
        ->type_name("FILE")
        ->allow_extra_args(false);
    command.add_flag("-R,--recursive", o.recursive, "Descend into subdirectories of directories given with -f");
    command.add_option("-o,--output", o.output, "Write every document as yaml or json (default: each keeps its own format)")
        ->check(CLI::IsMember({"yaml", "json"}));
    command.add_flag("--in-place", o.in_place, "Rewrite the input files atomically instead of writing to stdout");
    command.add_flag("--diff", o.diff, "Print a unified diff of what would change; exit 3 when something would");
    command.add_option("--report", o.report, "Per-object report on stderr: text, json or none")
        ->check(CLI::IsMember({"text", "json", "none"}))
        ->capture_default_str();
    command.add_option("--kind-path", o.kind_paths,
                       "KIND=DOTTED.PATH: where a custom kind keeps its pod template (e.g. Rollout=spec.template); repeatable")
        ->type_name("KIND=PATH");
    command.add_flag("--no-color", o.no_color, "Never colour the report (also: NO_COLOR)");
}

core::Result<void> apply_kind_paths(const std::vector<std::string>& values, inject::InjectConfig& config) {
    for (const auto& value : values) {
        auto eq = value.find('=');
        std::string kind = value.substr(0, eq), path = eq == std::string::npos ? "" : value.substr(eq + 1);
        bool ok = !kind.empty() && !path.empty() && path.front() != '.' && path.back() != '.' &&
                  path.find("..") == std::string::npos;
        if (!ok) return tl::unexpected(usage(fmt::format("--kind-path {}: expected KIND=DOTTED.PATH, e.g. Rollout=spec.template", value)));
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

int run_manifest_command(cli::Context& ctx, const ManifestOptions& options, inject::Operation operation,
                         const inject::InjectConfig& config) {
    if (auto ok = validate(options); !ok) return cli::report_error(ctx, ok.error());
    core::InputOptions input_options{options.recursive, config.limits, net::fetch_url};
    auto inputs = core::read_inputs(options.filenames, input_options, ctx.io.in);
    if (!inputs) return cli::report_error(ctx, inputs.error());
    if (options.in_place)
        for (const auto& input : *inputs)
            if (!input.is_regular_file)
                return cli::report_error(ctx, usage(fmt::format("--in-place needs files; {} is not one", input.name)));

    std::vector<Processed> processed;
    std::vector<inject::ObjectReport> objects;
    bool several = inputs->size() > 1;  // one input: nothing to count
    cli::ProgressReporter progress(ctx.io, operation == inject::Operation::Inject ? "injecting" : "uninjecting",
                              several ? inputs->size() : 0);
    for (auto& input : *inputs) {
        auto result = inject::process_stream(input.content, input.name, operation, config);
        if (!result) {
            progress.finish();  // so the error starts on a clean line
            return cli::report_error(ctx, result.error());
        }
        for (const auto& o : result->objects) objects.push_back(o);
        if (several) progress.advance(input.name);
        processed.push_back(Processed{std::move(input), std::move(*result)});
    }
    progress.finish();
    bool colour = ctx.io.colour && !options.no_color;
    auto write_report = [&] {
        if (options.report == "text") write_text_report(ctx.io.err, objects, colour);
        else if (options.report == "json") write_json_report(ctx.io.err, objects);
    };
    std::size_t refused = 0;
    for (const auto& o : objects) refused += o.status == inject::ObjectStatus::Refused;
    if (refused > 0 && !config.skip_refused) {
        write_report();
        return cli::report_error(ctx, core::Error{core::ErrorCode::Refused,
                                             fmt::format("refused to inject {} workload{}; nothing was written (--skip-refused "
                                                         "passes them through unchanged)",
                                                         refused, refused == 1 ? "" : "s"),
                                             {}, {}});
    }

    if (options.diff) {
        std::string diff;
        for (const auto& p : processed) diff += render_diff(p);
        ctx.io.out << diff;
        write_report();
        return diff.empty() ? cli::k_exit_ok : cli::k_exit_finding;
    }
    if (options.in_place) {
        for (const auto& p : processed) {
            if (!p.result.changed()) continue;
            if (auto ok = core::write_file_atomically(p.input.name, p.result.render(p.input.content)); !ok)
                return cli::report_error(ctx, ok.error());
        }
        write_report();
        return cli::k_exit_ok;
    }
    std::string converted;
    if (!options.output.empty()) {
        auto out = render_converted(processed, options, config.limits);
        if (!out) return cli::report_error(ctx, out.error());
        converted = std::move(*out);
    }
    if (!options.output_file.empty()) {
        if (options.output.empty()) {
            std::ostringstream joined;
            write_joined(processed, joined);
            converted = std::move(joined).str();
        }
        if (auto ok = core::write_file_atomically(options.output_file, converted); !ok) return cli::report_error(ctx, ok.error());
    } else if (options.output.empty()) {
        write_joined(processed, ctx.io.out);
    } else {
        ctx.io.out << converted;
    }
    write_report();
    return cli::k_exit_ok;
}

}  // namespace mesh::commands

#include "commands/dtab/support.hpp"

#include <cstring>

#include "libmesh/core/file_reader.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::commands {

std::string input_name(const std::string& file) { return file.empty() || file == "-" ? "<stdin>" : file; }

core::Result<std::string> read_dtab_input(const std::string& file, cli::Io& io) {
    bool from_stdin = file.empty() || file == "-";
    auto text =
        from_stdin ? core::read_bounded(io.in, k_max_dtab_input) : core::read_file_bounded(file, k_max_dtab_input);
    if (text) return std::move(*text);
    switch (text.error().kind) {
    case core::ReadFailure::Kind::CannotOpen:
        return core::io_error("cannot read " + file + ": " + std::strerror(text.error().error_number));
    case core::ReadFailure::Kind::TooLarge:
        return core::limit_error(input_name(file) + " is larger than " + std::to_string(k_max_dtab_input >> 20) +
                                 " MiB");
    case core::ReadFailure::Kind::ReadFailed: break;
    }
    return core::io_error("error reading " + input_name(file));
}

// Finagle's message stays as it is (namerd answers with it); people get a guess at the cause.
// A '/' where the dtab should end can only start a dentry that follows one without its ';'.
static core::Error with_separator_hint(core::Error error) {
    if (error.message.rfind("end of input expected but '/' found", 0) == 0)
        error.message += " (missing `;` after the previous dentry?)";
    return error;
}

core::Result<dtab::ParsedDtab> parse_dtab_input(const std::string& text, const std::string& name) {
    dtab::ParseOptions options;
    options.file = name;
    options.max_input_bytes = k_max_dtab_input;
    auto parsed = dtab::parse_dtab_with_comments(text, options);
    if (!parsed) return tl::unexpected(with_separator_hint(parsed.error()));
    return parsed;
}

core::Result<dtab::Dtab> load_dtabs(const std::vector<std::string>& files, const std::vector<std::string>& texts,
                                    cli::Io& io) {
    dtab::Dtab out;
    for (const auto& file : files) {
        auto text = read_dtab_input(file, io);
        if (!text) return tl::unexpected(text.error());
        auto parsed = parse_dtab_input(*text, input_name(file));
        if (!parsed) return tl::unexpected(parsed.error());
        out = dtab::concat(out, parsed->dtab);
    }
    for (const auto& text : texts) {
        dtab::ParseOptions options;
        options.file = "--dtab";
        auto parsed = dtab::parse_dtab(text, options);
        if (!parsed) return tl::unexpected(with_separator_hint(parsed.error()));
        out = dtab::concat(out, *parsed);
    }
    return out;
}

}  // namespace mesh::commands

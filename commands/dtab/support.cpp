#include "commands/dtab/support.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace mesh::commands {

std::string input_name(const std::string& file) { return file.empty() || file == "-" ? "<stdin>" : file; }

core::Result<std::string> read_dtab_input(const std::string& file, cli::Io& io) {
    std::string text;
    std::istream* in = &io.in;
    std::ifstream f;
    if (!file.empty() && file != "-") {
        f.open(file, std::ios::binary);
        if (!f) return core::fail(core::ErrorCode::Io, "cannot read " + file + ": " + std::strerror(errno));
        in = &f;
    }
    // Read in chunks so an endless stdin stops at the limit instead of filling memory.
    char buf[65536];
    while (*in) {
        in->read(buf, sizeof buf);
        text.append(buf, static_cast<std::size_t>(in->gcount()));
        if (text.size() > k_max_dtab_input)
            return core::fail(core::ErrorCode::Limit, input_name(file) + " is larger than " +
                                                          std::to_string(k_max_dtab_input >> 20) + " MiB");
    }
    if (in->bad()) return core::fail(core::ErrorCode::Io, "error reading " + input_name(file));
    return text;
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

core::Result<dtab::Dtab> load_dtabs(const std::vector<std::string>& files,
                                    const std::vector<std::string>& texts, cli::Io& io) {
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

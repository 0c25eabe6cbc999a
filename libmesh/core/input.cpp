#include "libmesh/core/input.hpp"
#include "libmesh/core/redact_url.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "libmesh/core/file_reader.hpp"
#include "libmesh/core/result.hpp"

namespace mesh::core {

namespace fs = std::filesystem;

static Error too_big(const std::string& name, std::size_t max_bytes) {
    return Error{ErrorCode::Limit,
                 fmt::format("input is larger than the limit of {} MiB", max_bytes >> 20),
                 SourceLocation{name, 0, 0},
                 {}};
}

static Error read_error(const ReadFailure& failure, const std::string& name, std::size_t max_bytes) {
    switch (failure.kind) {
    case ReadFailure::Kind::TooLarge: return too_big(name, max_bytes);
    case ReadFailure::Kind::CannotOpen:
        return Error{
            ErrorCode::Io, fmt::format("cannot open: {}", std::strerror(failure.error_number)), {name, 0, 0}, {}};
    case ReadFailure::Kind::ReadFailed: break;
    }
    return Error{ErrorCode::Io, "cannot read input", {name, 0, 0}, {}};
}

Result<std::string> read_stream(std::istream& in, const std::string& name, std::size_t max_bytes,
                                std::size_t size_hint) {
    auto text = read_bounded(in, max_bytes, size_hint);
    if (!text) return tl::unexpected(read_error(text.error(), name, max_bytes));
    return std::move(*text);
}

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
    auto text = read_file_bounded(path, max_bytes);
    if (!text) return tl::unexpected(read_error(text.error(), path, max_bytes));
    return std::move(*text);
}

static bool is_manifest_name(const fs::path& path) {
    auto ext = path.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

static Result<void> read_directory(const std::string& dir, const InputOptions& options, std::vector<InputFile>& out) {
    std::vector<std::string> files;
    std::error_code ec;
    auto collect = [&](const fs::directory_entry& entry) {
        if (entry.is_regular_file(ec) && is_manifest_name(entry.path())) files.push_back(entry.path().string());
    };
    if (options.recursive) {
        for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) collect(*it);
    } else {
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) collect(*it);
    }
    if (ec) return io_error(fmt::format("cannot list directory: {}", ec.message()), {dir, 0, 0});
    std::sort(files.begin(), files.end());  // stable output whatever the file system's order
    for (auto& file : files) {
        MESH_TRY_ASSIGN(auto content, read_file(file, options.limits.max_input_bytes));
        out.push_back(InputFile{file, std::move(content), true});
    }
    return {};
}

// The bytes left in stdin when it is a regular file (`mesh inject -f - < big.yaml`): reading it
// into a buffer that grows by doubling held the old and the new buffer at once, 2x the input.
static std::size_t stdin_file_size() {
    struct stat st {};
    if (::fstat(STDIN_FILENO, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    off_t at = ::lseek(STDIN_FILENO, 0, SEEK_CUR);
    return at >= 0 && at <= st.st_size ? static_cast<std::size_t>(st.st_size - at) : 0;
}

Result<std::vector<InputFile>> read_inputs(const std::vector<std::string>& specs, const InputOptions& options,
                                           std::istream& stdin_stream) {
    std::vector<InputFile> inputs;
    bool stdin_used = false;
    for (const auto& spec : specs) {
        if (spec == "-") {
            if (stdin_used) return usage_error("stdin ('-') given more than once");
            stdin_used = true;
            MESH_TRY_ASSIGN(auto content, read_stream(stdin_stream, "<stdin>", options.limits.max_input_bytes,
                                                      &stdin_stream == &std::cin ? stdin_file_size() : 0));
            inputs.push_back(InputFile{"<stdin>", std::move(content), false});
        } else if (spec.rfind("https://", 0) == 0 || spec.rfind("http://", 0) == 0) {
            if (!options.fetch) return internal_error("cannot fetch URLs here", {redact_url(spec), 0, 0});
            MESH_TRY_ASSIGN(auto content, options.fetch(spec, options.limits.max_input_bytes));
            inputs.push_back(InputFile{redact_url(spec), std::move(content), false});  // reports and --diff name it
        } else if (std::error_code ec; fs::is_directory(spec, ec)) {
            MESH_TRY(read_directory(spec, options, inputs));
        } else {
            MESH_TRY_ASSIGN(auto content, read_file(spec, options.limits.max_input_bytes));
            inputs.push_back(InputFile{spec, std::move(content), true});
        }
    }
    return inputs;
}

}  // namespace mesh::core

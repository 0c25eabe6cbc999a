#include "libmesh/core/file_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"

namespace mesh::core {

BoundedText read_bounded(std::istream& in, std::size_t max_bytes, std::size_t size_hint) {
    std::string content;
    content.reserve(std::min(size_hint, max_bytes) + 1);  // one allocation for files: the input is the big buffer
    char buffer[1 << 16];
    // Ask for no more than one byte past the limit: that byte is how "too large" is known.
    std::size_t allowed = max_bytes == static_cast<std::size_t>(-1) ? max_bytes : max_bytes + 1;
    while (content.size() < allowed) {
        std::size_t want = std::min(sizeof buffer, allowed - content.size());
        in.read(buffer, static_cast<std::streamsize>(want));
        auto got = static_cast<std::size_t>(in.gcount());
        content.append(buffer, got);
        if (got < want) break;
    }
    if (content.size() > max_bytes) return tl::unexpected(ReadFailure{ReadFailure::Kind::TooLarge, 0});
    if (in.bad()) return tl::unexpected(ReadFailure{ReadFailure::Kind::ReadFailed, errno});
    return content;
}

BoundedText read_file_bounded(const std::string& path, std::size_t max_bytes) {
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file) return tl::unexpected(ReadFailure{ReadFailure::Kind::CannotOpen, errno});
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) return tl::unexpected(ReadFailure{ReadFailure::Kind::TooLarge, 0});
    return read_bounded(file, max_bytes, ec ? 0 : static_cast<std::size_t>(size));
}

Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
    auto text = read_file_bounded(path, max_bytes);
    if (text) return std::move(*text);
    switch (text.error().kind) {
    case ReadFailure::Kind::TooLarge: return limit_error(fmt::format("{}: larger than {} MiB", path, max_bytes >> 20));
    case ReadFailure::Kind::CannotOpen: return io_error(path + ": cannot open file");
    case ReadFailure::Kind::ReadFailed: break;
    }
    return io_error(path + ": cannot read file");
}

}  // namespace mesh::core

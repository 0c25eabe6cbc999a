#include "libmesh/core/input.hpp"
#include "libmesh/core/redact_url.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <curl/curl.h>
#include <fmt/format.h>

namespace mesh::core {

namespace fs = std::filesystem;

static Error too_big(const std::string& name, std::size_t max_bytes) {
    return Error{ErrorCode::Limit,
                 fmt::format("input is larger than the limit of {} MiB", max_bytes >> 20),
                 SourceLocation{name, 0, 0}, {}};
}

Result<std::string> read_stream(std::istream& in, const std::string& name, std::size_t max_bytes,
                                std::size_t size_hint) {
    std::string content;
    content.reserve(std::min(size_hint, max_bytes) + 1);  // one allocation for files: the input is the big buffer
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (content.size() > max_bytes) return tl::unexpected(too_big(name, max_bytes));
    }
    if (in.bad()) return fail(ErrorCode::Io, "cannot read input", {name, 0, 0});
    return content;
}

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(ErrorCode::Io, fmt::format("cannot open: {}", std::strerror(errno)), {path, 0, 0});
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) return tl::unexpected(too_big(path, max_bytes));
    return read_stream(file, path, max_bytes, ec ? 0 : static_cast<std::size_t>(size));
}

namespace {
struct Download {
    std::string body;
    std::size_t max_bytes;
    bool too_big = false;
};
}  // namespace

static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* download = static_cast<Download*>(user);
    std::size_t n = size * count;
    if (download->body.size() + n > download->max_bytes) {
        download->too_big = true;
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    download->body.append(data, n);
    return n;
}

Result<std::string> fetch_url(const std::string& url, std::size_t max_bytes) {
    const std::string shown = redact_url(url);  // what errors name: never the credentials
    if (url.rfind("https://", 0) != 0)
        return fail(ErrorCode::Input, "only https:// URLs are allowed", {shown, 0, 0});
    CURL* curl = curl_easy_init();
    if (!curl) return fail(ErrorCode::Internal, "cannot start libcurl", {shown, 0, 0});
    Download download{{}, max_bytes};
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "mesh");
    if (const char* ca = std::getenv("SSL_CERT_FILE")) curl_easy_setopt(curl, CURLOPT_CAINFO, ca);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    if (download.too_big) return tl::unexpected(too_big(shown, max_bytes));
    if (rc != CURLE_OK)
        return fail(ErrorCode::Network,
                    fmt::format("cannot fetch: {}", error_buffer[0] ? error_buffer : curl_easy_strerror(rc)),
                    {shown, 0, 0});
    if (status < 200 || status > 299)
        return fail(ErrorCode::Network, fmt::format("server answered with status {}", status), {shown, 0, 0});
    return std::move(download.body);
}

static bool is_manifest_name(const fs::path& path) {
    auto ext = path.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

static Result<void> read_directory(const std::string& dir, const InputOptions& options,
                                   std::vector<InputFile>& out) {
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
    if (ec) return fail(ErrorCode::Io, fmt::format("cannot list directory: {}", ec.message()), {dir, 0, 0});
    std::sort(files.begin(), files.end());  // stable output whatever the file system's order
    for (auto& file : files) {
        auto content = read_file(file, options.limits.max_input_bytes);
        if (!content) return tl::unexpected(content.error());
        out.push_back(InputFile{file, std::move(*content), true});
    }
    return {};
}

Result<std::vector<InputFile>> read_inputs(const std::vector<std::string>& specs,
                                           const InputOptions& options, std::istream& stdin_stream) {
    std::vector<InputFile> inputs;
    bool stdin_used = false;
    for (const auto& spec : specs) {
        if (spec == "-") {
            if (stdin_used) return fail(ErrorCode::Usage, "stdin ('-') given more than once");
            stdin_used = true;
            auto content = read_stream(stdin_stream, "<stdin>", options.limits.max_input_bytes);
            if (!content) return tl::unexpected(content.error());
            inputs.push_back(InputFile{"<stdin>", std::move(*content), false});
        } else if (spec.rfind("https://", 0) == 0 || spec.rfind("http://", 0) == 0) {
            auto content = fetch_url(spec, options.limits.max_input_bytes);
            if (!content) return tl::unexpected(content.error());
            inputs.push_back(InputFile{redact_url(spec), std::move(*content), false});  // reports and --diff name it
        } else if (std::error_code ec; fs::is_directory(spec, ec)) {
            if (auto r = read_directory(spec, options, inputs); !r) return tl::unexpected(r.error());
        } else {
            auto content = read_file(spec, options.limits.max_input_bytes);
            if (!content) return tl::unexpected(content.error());
            inputs.push_back(InputFile{spec, std::move(*content), true});
        }
    }
    return inputs;
}

}  // namespace mesh::core

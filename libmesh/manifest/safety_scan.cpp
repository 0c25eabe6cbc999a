#include "libmesh/manifest/safety_scan.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "libmesh/core/text_position.hpp"
#include "libmesh/core/utf8.hpp"

namespace mesh::manifest {

static core::Error error_at(std::string_view stream, std::size_t offset, const std::string& file, std::string message) {
    return core::error_at_offset(core::ErrorCode::Input, std::move(message), stream, offset, file);
}

core::Result<void> check_document_bytes(std::string_view stream, std::size_t begin, std::size_t end,
                                        const std::string& file) {
    for (std::size_t i = begin; i < end;) {
        unsigned char c = static_cast<unsigned char>(stream[i]);
        if (c >= 0x80) {
            std::size_t n = core::utf8_sequence_length(stream, i);
            if (n == 0) return tl::unexpected(error_at(stream, i, file, "invalid UTF-8 (binary input?)"));
            i += n;
            continue;
        }
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return tl::unexpected(
                error_at(stream, i, file, fmt::format("control character 0x{:02X} is not allowed (binary input?)", c)));
        ++i;
    }
    return {};
}

namespace {

// Validates without building anything; remembers where the first error is.
class JsonValidator final : public nlohmann::json_sax<nlohmann::json> {
public:
    std::size_t error_offset = 0;
    std::string error;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
        error_offset = position == 0 ? 0 : position - 1;
        std::string what = e.what();
        auto bracket = what.find("] ");
        error = bracket == std::string::npos ? what : what.substr(bracket + 2);
        if (error.rfind("parse error at line", 0) == 0) error = error.substr(error.find(": ") + 2);  // ours is better
        return false;
    }
};

}  // namespace

core::Result<void> check_json_value(std::string_view stream, std::size_t begin, std::size_t end,
                                    const std::string& file) {
    JsonValidator validator;
    std::string_view text = stream.substr(begin, end - begin);
    if (nlohmann::json::sax_parse(text.begin(), text.end(), &validator)) return {};
    return tl::unexpected(error_at(stream, begin + std::min(validator.error_offset, text.size()), file,
                                   "not valid JSON: " + validator.error));
}

}  // namespace mesh::manifest

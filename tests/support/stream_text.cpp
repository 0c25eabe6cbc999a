#include "tests/support/stream_text.hpp"

namespace mesh::test {

std::string stream_text(const std::string& text, inject::Operation operation, inject::Mode mode,
                        const std::string& file_name) {
    inject::InjectConfig config;
    config.mode = mode;
    auto result = inject::process_stream(text, file_name, operation, config);
    if (!result) return "error: " + result.error().message;
    return result->render(text);
}

}  // namespace mesh::test

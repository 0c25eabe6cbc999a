// libFuzzer target: any bytes posted to the webhook give an answer or an error, never a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "libmesh/webhook/admission.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const mesh::inject::InjectConfig config;
    auto answer = mesh::webhook::answer_review(std::string_view(reinterpret_cast<const char*>(data), size), config);
    (void)answer;
    return 0;
}

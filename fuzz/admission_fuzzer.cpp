// libFuzzer target: any bytes posted to the webhook give an answer or an error, never a crash;
// and a body is "not JSON" exactly when nlohmann::json refuses it (what the webhook used to parse
// with), but bytes after a NUL, which nlohmann ignores.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libmesh/webhook/admission.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const mesh::inject::InjectConfig config;
    std::string_view body(reinterpret_cast<const char*>(data), size);
    auto answer = mesh::webhook::answer_review(body, config);
    // The whole message: a kind or apiVersion quoted in another message may say anything.
    bool not_json = !answer && answer.error().message == "invalid AdmissionReview: the body is not JSON";
    bool has_nul = body.find('\0') != std::string_view::npos;
    bool accepted = nlohmann::json::accept(body);
    if (not_json && accepted && !has_nul) std::abort();
    if (!accepted && answer) std::abort();
    return 0;
}

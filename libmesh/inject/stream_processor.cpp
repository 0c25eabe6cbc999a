#include "libmesh/inject/stream_processor.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include <fmt/format.h>

#include "libmesh/inject/document_processor.hpp"

namespace mesh::inject {

bool StreamResult::changed() const {
    return std::any_of(rewritten.begin(), rewritten.end(), [](const auto& r) { return r.has_value(); });
}

bool StreamResult::refused() const {
    return std::any_of(objects.begin(), objects.end(), [](const auto& o) { return o.status == ObjectStatus::Refused; });
}

std::string_view StreamResult::document_text(std::string_view input, std::size_t i) const {
    if (rewritten[i]) return *rewritten[i];
    return input.substr(documents[i].begin, documents[i].end - documents[i].begin);
}

std::string StreamResult::render(std::string_view input) const {
    std::string out;
    out.reserve(input.size() + input.size() / 4);
    std::size_t copied = 0;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        out.append(input.substr(copied, documents[i].begin - copied));
        out.append(document_text(input, i));
        copied = documents[i].end;
    }
    out.append(input.substr(copied));
    return out;
}

core::Result<StreamResult> process_stream(std::string_view input, const std::string& file, Operation operation,
                                          const InjectConfig& config) {
    auto documents = manifest::split_stream(input, file, config.limits);
    if (!documents) return tl::unexpected(documents.error());
    StreamResult result;
    result.documents = std::move(*documents);
    std::size_t n = result.documents.size();
    std::vector<core::Result<DocumentOutcome>> outcomes(n, DocumentOutcome{});

    // Documents are independent, so they are processed on every core; the output keeps their order.
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++)
            outcomes[i] = process_document(input, result.documents[i], file, operation, config);
    };
    std::size_t threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), (n + 15) / 16);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();

    result.rewritten.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!outcomes[i]) return tl::unexpected(outcomes[i].error());
        auto& outcome = *outcomes[i];
        result.rewritten[i] = std::move(outcome.rewritten);
        for (auto& object : outcome.objects) result.objects.push_back(std::move(object));
    }
    return result;
}

}  // namespace mesh::inject

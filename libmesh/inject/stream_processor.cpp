#include "libmesh/inject/stream_processor.hpp"

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "libmesh/core/result.hpp"
#include "libmesh/inject/document_processor.hpp"

namespace mesh::inject {

bool StreamResult::changed() const {
    return std::any_of(changes.begin(), changes.end(), [](const auto& c) { return c.changed(); });
}

bool StreamResult::refused() const {
    return std::any_of(objects.begin(), objects.end(), [](const auto& o) { return o.status == ObjectStatus::Refused; });
}

std::string StreamResult::document_text(std::string_view input, std::size_t i) const {
    std::string_view original = input.substr(documents[i].begin, documents[i].end - documents[i].begin);
    if (changes[i].text) return *changes[i].text;
    return manifest::apply_edits(original, changes[i].edits);
}

void StreamResult::write_to(std::string_view input, std::ostream& out) const {
    std::size_t copied = 0;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (!changes[i].changed()) continue;
        out << input.substr(copied, documents[i].begin - copied);
        if (changes[i].text) {
            out << *changes[i].text;
        } else {
            // Edits are sorted and relative to the document; copy around them.
            std::size_t at = documents[i].begin;
            for (const auto& e : changes[i].edits) {
                out << input.substr(at, documents[i].begin + e.offset - at) << e.insert;
                at = documents[i].begin + e.offset + e.remove;
            }
            out << input.substr(at, documents[i].end - at);
        }
        copied = documents[i].end;
    }
    out << input.substr(copied);
}

std::string StreamResult::render(std::string_view input) const {
    std::ostringstream out;
    write_to(input, out);
    return std::move(out).str();
}

core::Result<StreamResult> process_stream(std::string_view input, const std::string& file, Operation operation,
                                          const InjectConfig& config) {
    MESH_TRY_ASSIGN(auto documents, manifest::split_stream(input, file, config.limits));
    StreamResult result;
    result.documents = std::move(documents);
    std::size_t n = result.documents.size();
    std::vector<core::Result<DocumentOutcome>> outcomes(n, DocumentOutcome{});

    // Documents are independent, so they are processed on every core; the output keeps their order.
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++)
            outcomes[i] = process_document(input, result.documents[i], file, operation, config);
    };
    unsigned cores = config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t threads = std::min<std::size_t>(cores, (n + 15) / 16);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();

    result.changes.resize(n);
    std::size_t reports = 0;
    for (const auto& outcome : outcomes) reports += outcome ? outcome->objects.size() : 0;
    result.objects.reserve(reports);  // growing by doubling held two copies at once
    for (std::size_t i = 0; i < n; ++i) {
        if (!outcomes[i]) return tl::unexpected(outcomes[i].error());
        auto& outcome = *outcomes[i];
        result.changes[i] = std::move(outcome.change);
        for (auto& object : outcome.objects) result.objects.push_back(std::move(object));
    }
    return result;
}

}  // namespace mesh::inject

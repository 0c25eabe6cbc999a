#include "libmesh/inject/stream_diff.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "libmesh/core/unified_diff.hpp"

namespace mesh::inject {

// The file as segments: each rewritten document, widened to whole lines (and merged with any
// changed neighbour it shares a line with), against its new text; the bytes between stay equal.
std::string unified_diff(const StreamResult& result, const std::string& input, const std::string& name) {
    struct Piece {
        std::size_t begin, end;         // widened range in the input
        std::vector<std::size_t> docs;  // rewritten documents inside it
    };
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < result.documents.size(); ++i) {
        if (!result.changes[i].changed()) continue;
        const auto& d = result.documents[i];
        std::size_t begin = d.begin == 0 ? 0 : input.rfind('\n', d.begin - 1);
        begin = begin == std::string::npos || d.begin == 0 ? 0 : begin + 1;
        std::size_t end = d.end;
        if (end > 0 && input[end - 1] != '\n') {
            end = input.find('\n', end);
            end = end == std::string::npos ? input.size() : end + 1;
        }
        if (!pieces.empty() && begin < pieces.back().end) {
            pieces.back().end = std::max(pieces.back().end, end);
            pieces.back().docs.push_back(i);
        } else {
            pieces.push_back({begin, end, {i}});
        }
    }
    std::vector<std::string> afters;
    for (const auto& piece : pieces) {
        std::string after;
        std::size_t copied = piece.begin;
        for (std::size_t i : piece.docs) {
            after.append(input, copied, result.documents[i].begin - copied);
            after += result.document_text(input, i);
            copied = result.documents[i].end;
        }
        after.append(input, copied, piece.end - copied);
        afters.push_back(std::move(after));
    }
    std::vector<core::DiffSegment> segments;
    std::size_t copied = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        std::string_view gap(input.data() + copied, pieces[k].begin - copied);
        segments.push_back({gap, gap});
        segments.push_back(
            {std::string_view(input.data() + pieces[k].begin, pieces[k].end - pieces[k].begin), afters[k]});
        copied = pieces[k].end;
    }
    std::string_view rest(input.data() + copied, input.size() - copied);
    segments.push_back({rest, rest});
    return core::unified_diff_segments(segments, name);
}

}  // namespace mesh::inject

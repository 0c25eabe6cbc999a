#include "cli/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "libmesh/core/escape.hpp"

namespace mesh::cli {

TextTable::TextTable(std::vector<std::string> header, std::size_t left_columns) : m_left(left_columns) {
    m_rows.push_back(std::move(header));
}

void TextTable::add(std::vector<std::string> row) {
    row.resize(m_rows.front().size());
    // Cells come from admin servers and the API server: one line each, no terminal sequences.
    for (auto& cell : row)
        if (std::any_of(cell.begin(), cell.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f || (c & 0x80); }))
            cell = core::escape_control(cell);
    m_rows.push_back(std::move(row));
}

std::string TextTable::render() const {
    std::vector<std::size_t> width(m_rows.front().size(), 0);
    for (const auto& row : m_rows)
        for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    std::string out;
    for (const auto& row : m_rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) line += "   ";
            line += i < m_left ? fmt::format("{:<{}}", row[i], width[i]) : fmt::format("{:>{}}", row[i], width[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

std::string format_percent(std::optional<double> r) { return r ? fmt::format("{:.2f}%", *r * 100) : "-"; }
std::string format_rps(std::optional<double> r) { return r ? fmt::format("{:.1f}rps", *r) : "-"; }
std::string format_ms(std::optional<double> ms) { return ms ? fmt::format("{}ms", std::llround(*ms)) : "-"; }
std::string format_count(std::optional<double> n) { return n ? fmt::format("{}", std::llround(*n)) : "-"; }

std::string format_duration(std::optional<double> seconds) {
    if (!seconds || *seconds < 0) return "-";
    long long s = std::llround(*seconds);
    if (s >= 86400) return fmt::format("{}d{}h", s / 86400, s % 86400 / 3600);
    if (s >= 3600) return fmt::format("{}h{}m", s / 3600, s % 3600 / 60);
    if (s >= 60) return fmt::format("{}m{}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

}  // namespace mesh::cli

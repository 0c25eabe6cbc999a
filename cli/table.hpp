#pragma once
// Column-aligned text tables in `kubectl get` / `linkerd viz stat` style, and the cell formats.

#include <optional>
#include <string>
#include <vector>

namespace mesh::cli {

/// A table whose first `left_columns` columns are left-aligned and the rest right-aligned.
class TextTable {
public:
    TextTable(std::vector<std::string> header, std::size_t left_columns);
    /// Adds a row (padded or cut to the header's width).
    void add(std::vector<std::string> row);
    /// The table, columns separated by three spaces, one line a row.
    std::string render() const;

private:
    std::vector<std::vector<std::string>> m_rows;
    std::size_t m_left;
};

/// "99.12%" or "-".
std::string format_percent(std::optional<double> ratio);
/// "12.3rps" or "-".
std::string format_rps(std::optional<double> rps);
/// "41ms" or "-".
std::string format_ms(std::optional<double> ms);
/// "12" or "-".
std::string format_count(std::optional<double> n);
/// "3d4h", "5h12m", "12m3s", "45s" or "-".
std::string format_duration(std::optional<double> seconds);

}  // namespace mesh::cli

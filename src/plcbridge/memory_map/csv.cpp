#include "plcbridge/memory_map/csv.hpp"

#include "plcbridge/memory_map/errc.hpp"

namespace plcbridge::memory_map {

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string cell;
    bool quoted = false;
    bool any = false;  // the current row has content
    int line = 1;
    int row_line = 1;
    auto end_cell = [&] {
        row.cells.push_back(std::move(cell));
        cell.clear();
    };
    auto end_row = [&] {
        end_cell();
        bool blank = row.cells.size() == 1 && row.cells[0].find_first_not_of(" \t") == std::string::npos;
        if (any && !blank) {
            row.line = row_line;
            rows.push_back(std::move(row));
        }
        row = CsvRow{};
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell.push_back(c);
            }
            continue;
        }
        if (!any) row_line = line;
        switch (c) {
            case '"':
                quoted = true;
                any = true;
                break;
            case ',':
                end_cell();
                any = true;
                break;
            case '\r': break;
            case '\n':
                end_row();
                ++line;
                break;
            default: cell.push_back(c); any = true;
        }
    }
    if (quoted) {
        return make_error(Errc::bad_map_file, "line " + std::to_string(row_line) + ": a quoted cell is never closed");
    }
    if (any) end_row();
    return rows;
}

std::string csv_cell(std::string_view value) {
    if (value.find_first_of(",\"\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

}  // namespace plcbridge::memory_map

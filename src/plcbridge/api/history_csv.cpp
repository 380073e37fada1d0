#include "plcbridge/api/history_csv.hpp"

#include <fmt/format.h>

#include "plcbridge/store/time_text.hpp"

namespace plcbridge::api {

namespace {

/// A text cell: quoted when it holds a separator, a quote or a line end; a leading formula
/// character is neutralised.
std::string text_cell(std::string_view text) {
    std::string value;
    if (!text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' || text.front() == '@'))
        value.push_back('\'');
    value.append(text);
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char ch : value) {
        if (ch == '"') quoted.push_back('"');
        quoted.push_back(ch);
    }
    quoted.push_back('"');
    return quoted;
}

}  // namespace

std::string histories_csv(const std::vector<store::History>& histories) {
    std::string out =
        "history_id,batch_no,mo_id,product,quantity,weight_finished_good,status,notes,batch_created_at,archived_at,"
        "equipment,planned,actual\r\n";
    for (const auto& h : histories) {
        const std::string head = fmt::format(
            "{},{},{},{},{},{},{},{},{},{}", h.id, h.batch_no, text_cell(h.mo_id), text_cell(h.finished_goods),
            h.quantity.to_string(), h.weight_finished_good.to_string(), text_cell(h.status), text_cell(h.notes),
            store::to_db_time(h.batch_created_at), store::to_db_time(h.created_at));
        if (h.lines.empty()) {
            out += head + ",,,\r\n";
            continue;
        }
        for (const auto& l : h.lines) {
            out += fmt::format("{},{},{},{}\r\n", head, text_cell(l.equipment_code), l.planned.to_string(),
                               l.actual.to_string());
        }
    }
    return out;
}

}  // namespace plcbridge::api

#include "plcbridge/store/sql_connection.hpp"

#include <charconv>
#include <stdexcept>

#include "plcbridge/store/postgres_connection.hpp"
#include "plcbridge/store/sqlite_connection.hpp"

namespace plcbridge::store {

std::int64_t Row::integer(std::size_t i) const {
    const std::string& s = cells_.at(i).value();
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) throw std::runtime_error("not an integer column: " + s);
    return v;
}

std::optional<std::int64_t> Row::optional_integer(std::size_t i) const {
    if (is_null(i)) return std::nullopt;
    return integer(i);
}

double Row::real(std::size_t i) const {
    return std::stod(cells_.at(i).value());
}

bool Row::boolean(std::size_t i) const {
    const std::string& s = cells_.at(i).value();
    return s == "1" || s == "t" || s == "true";
}

std::string statement_for_message(std::string_view sql) {
    std::string s(sql.substr(0, 120));
    for (char& c : s) {
        if (c == '\n') c = ' ';
    }
    return sql.size() > 120 ? s + "..." : s;
}

Result<std::unique_ptr<SqlConnection>> open_connection(const DatabaseUrl& url) {
    if (url.backend == Backend::postgresql) return PostgresConnection::open(url);
    return SqliteConnection::open(url);
}

}  // namespace plcbridge::store

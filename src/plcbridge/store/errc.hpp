#pragma once
/// Why a database operation failed. Callers act on the class, not on text: `unavailable` is retried
/// later (nothing is lost, the caller keeps its data), `conflict` means someone else got there first.

#include <system_error>

namespace plcbridge::store {

enum class Errc {
    bad_url = 1,  ///< [database] url is not sqlite:PATH or postgresql://...
    unavailable,  ///< cannot reach or keep the database (connection refused or lost, disk I/O)
    busy,         ///< locked by another writer past the busy timeout, or a serialization failure
    constraint,   ///< a constraint refused the write (unique slot, unique MO, check)
    not_found,    ///< the row the operation is about does not exist
    conflict,     ///< the state changed under us (e.g. the batch is being archived)
    schema,       ///< the schema is missing, newer than this binary, or a migration failed
    query,        ///< any other SQL error: a bug, reported with the statement
    fenced,       ///< this instance does not lead the line (any more): its writes are refused
};

const std::error_category& store_category() noexcept;

inline std::error_code make_error_code(Errc e) noexcept {
    return {static_cast<int>(e), store_category()};
}

}  // namespace plcbridge::store

template <>
struct std::is_error_code_enum<plcbridge::store::Errc> : std::true_type {};

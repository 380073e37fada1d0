#pragma once
/// JSON-RPC 2.0 as Odoo 14 speaks it (docs/ODOO.md "The JSON-RPC envelope and the HTTP statuses") and the grt_scada
/// result shapes ("The routes the tasks call"): pure mapping between response bodies and typed values. The only place
/// in odoo/ that knows JSON.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plcbridge/core/result.hpp"
#include "plcbridge/odoo/mo.hpp"

namespace plcbridge::odoo {

using Json = nlohmann::json;

/// A JSON-RPC error object: code 100 = session expired, 200 = server error, 404 = no such route.
struct RpcError {
    int code = 0;
    std::string message;       ///< "Odoo Session Expired"
    std::string name;          ///< data.name, e.g. "odoo.exceptions.AccessDenied"
    std::string data_message;  ///< data.message, e.g. "Access Denied"
};

struct Envelope {
    std::optional<Json> result;  ///< absent when the handler returned nothing
    std::optional<RpcError> error;
};

/// {"jsonrpc":"2.0","method":"call","id":id,"params":params}
[[nodiscard]] std::string make_request(int id, const Json& params);

/// Malformed or truncated JSON, or not an object: Errc::transient with what was wrong.
[[nodiscard]] Result<Envelope> parse_envelope(std::string_view body);

/// grt_scada business answers: {"status":"success",...} -> the result; {"status":"error","message":m}
/// -> refused or not_found for the module's known final messages, unrecognised for any other text
/// (message verbatim in the detail).
[[nodiscard]] Result<Json> business_result(const Json& result);

[[nodiscard]] Result<Mo> mo_from_json(const Json& item);
/// mo-list-detailed / mo-list-confirmed "data".
[[nodiscard]] Result<std::vector<Mo>> mos_from_result(const Json& result);
[[nodiscard]] Result<UpdateResult> update_from_result(const Json& result);
[[nodiscard]] Result<CancelResult> cancel_from_result(const Json& result);

/// POST /api/scada/boms: a plain JSON list of BoMs (empty when the id is unknown or archived), or
/// {"status":"error","message":...} when the module failed.
[[nodiscard]] Result<std::vector<Bom>> boms_from_result(const Json& result);

/// An equipment-failure report as the request's params (the report job stores exactly this), and back.
/// A stored text that is not such an object is Errc::protocol.
[[nodiscard]] std::string failure_report_json(const EquipmentFailureReport& report);
[[nodiscard]] Result<EquipmentFailureReport> failure_report_from_json(std::string_view text);

/// The id of the record in an equipment-failure list ({"status","count","data":[{id, equipment_code,
/// description, date: "2026-03-04T10:26:55"}]}) that is this event, or nullopt.
[[nodiscard]] std::optional<std::int64_t> find_failure_record(const Json& result, const std::string& equipment_code,
                                                              const std::string& description, const std::string& date);

/// A JSON number as kg with two decimals (Odoo prints 1000.0, 0.25, 1e-05).
[[nodiscard]] std::optional<Decimal> kg_from_json(const Json& value);
/// A JSON quantity exact to four decimals (BoM lines and MO quantities before scaling).
[[nodiscard]] std::optional<Decimal> quantity_from_json(const Json& value);

}  // namespace plcbridge::odoo

#include "plcbridge/odoo/json_rpc.hpp"

#include <fmt/format.h>

#include "plcbridge/odoo/errc.hpp"
#include "plcbridge/odoo/outcome.hpp"

namespace plcbridge::odoo {
namespace {

std::string text_of(const Json& object, const char* key) {
    if (!object.is_object() || !object.contains(key)) return {};
    const Json& v = object[key];
    return v.is_string() ? v.get<std::string>() : std::string{};  // Odoo sends false for unset text
}

std::optional<std::int64_t> id_of(const Json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_number_integer()) return std::nullopt;
    return object[key].get<std::int64_t>();
}

Error bad_shape(const std::string& what) {
    return make_error(Errc::transient, "Odoo answered an unexpected shape: " + what);
}

}  // namespace

std::string make_request(int id, const Json& params) {
    return Json{{"jsonrpc", "2.0"}, {"method", "call"}, {"id", id}, {"params", params}}.dump();
}

Result<Envelope> parse_envelope(std::string_view body) {
    Json doc = Json::parse(body, nullptr, false);
    if (doc.is_discarded()) {
        return make_error(Errc::transient, fmt::format("malformed or truncated JSON ({} bytes)", body.size()));
    }
    if (!doc.is_object()) return make_error(Errc::transient, "JSON-RPC answer is not an object");
    Envelope envelope;
    if (doc.contains("error") && doc["error"].is_object()) {
        const Json& e = doc["error"];
        RpcError error;
        error.code = e.contains("code") && e["code"].is_number_integer() ? e["code"].get<int>() : 0;
        error.message = text_of(e, "message");
        if (e.contains("data") && e["data"].is_object()) {
            error.name = text_of(e["data"], "name");
            error.data_message = text_of(e["data"], "message");
        }
        envelope.error = std::move(error);
    } else if (doc.contains("result")) {
        envelope.result = std::move(doc["result"]);
    }
    return envelope;
}

Result<Json> business_result(const Json& result) {
    if (!result.is_object()) return bad_shape("result is not an object");
    const std::string status = text_of(result, "status");
    if (status == "success" || status == "ok") return result;
    const std::string message = text_of(result, "message");
    if (status == "error") {
        // Only the module's own refusals are final; any other text may be a passing fault in Odoo
        // (its catch-all turns a database error into the same shape), see outcome.hpp.
        return make_error(known_final_message(message).value_or(Errc::unrecognised),
                          message.empty() ? "(no message)" : message);
    }
    return bad_shape(fmt::format("status '{}'", status));
}

std::optional<Decimal> kg_from_json(const Json& value) {
    if (!value.is_number()) return std::nullopt;
    return Decimal::from_double(value.get<double>(), 100);
}

std::optional<Decimal> quantity_from_json(const Json& value) {
    if (!value.is_number()) return std::nullopt;
    return Decimal::from_double(value.get<double>(), 10000);
}

Result<Mo> mo_from_json(const Json& item) {
    if (!item.is_object() || !item.contains("mo_id") || !item["mo_id"].is_string()) {
        return bad_shape("an MO without mo_id");
    }
    Mo mo;
    mo.mo_id = item["mo_id"].get<std::string>();
    mo.state = text_of(item, "state");
    mo.product_name = text_of(item, "product_name");
    if (mo.product_name.empty()) mo.product_name = text_of(item, "product");
    mo.bom_code = text_of(item, "bom_code");
    mo.quantity = quantity_from_json(item.value("quantity", Json())).value_or(Decimal{0, 10000});
    mo.uom = text_of(item, "uom");
    mo.bom_id = id_of(item, "bom_id");
    mo.produced_qty = kg_from_json(item.value("produced_qty", Json())).value_or(Decimal{0, 100});
    if (item.contains("equipment") && item["equipment"].is_object()) {
        const std::string code = text_of(item["equipment"], "code");
        if (!code.empty()) mo.equipment_code = code;
    }
    if (item.contains("components_consumption") && item["components_consumption"].is_array()) {
        for (const Json& c : item["components_consumption"]) {
            Component component;
            component.product_id = id_of(c, "product_id");
            component.product_name = text_of(c, "product_name");
            component.to_consume = quantity_from_json(c.value("to_consume", Json())).value_or(Decimal{0, 10000});
            component.uom = text_of(c, "uom");
            component.consumed = kg_from_json(c.value("consumed", Json())).value_or(Decimal{0, 100});
            if (c.contains("equipment") && c["equipment"].is_object()) {
                const std::string code = text_of(c["equipment"], "code");
                if (!code.empty()) component.equipment_code = code;
            }
            mo.components.push_back(std::move(component));
        }
    }
    return mo;
}

Result<std::vector<Mo>> mos_from_result(const Json& result) {
    auto ok = business_result(result);
    if (!ok) return std::move(ok).error();
    if (!result.contains("data") || !result["data"].is_array()) return bad_shape("no data list");
    std::vector<Mo> mos;
    for (const Json& item : result["data"]) {
        auto mo = mo_from_json(item);
        if (!mo) return std::move(mo).error();
        mos.push_back(std::move(*mo));
    }
    return mos;
}

Result<std::vector<Bom>> boms_from_result(const Json& result) {
    if (result.is_object()) {
        auto failed = business_result(result);  // {"status": "error", ...}: the module's catch-all
        if (!failed) return std::move(failed).error();
        return bad_shape("boms answered an object without an error");
    }
    if (!result.is_array()) return bad_shape("boms answered neither a list nor an error");
    std::vector<Bom> boms;
    for (const Json& item : result) {
        auto id = id_of(item, "bom_id");
        auto qty = quantity_from_json(item.is_object() ? item.value("product_qty", Json()) : Json());
        if (!id || !qty) return bad_shape("a BoM without bom_id or product_qty");
        Bom bom;
        bom.bom_id = *id;
        bom.product_name = text_of(item, "product_name");
        bom.product_qty = *qty;
        bom.uom = text_of(item, "uom");
        if (item.contains("components") && item["components"].is_array()) {
            for (const Json& c : item["components"]) {
                BomLine line;
                line.product_id = id_of(c, "product_id");
                line.product_name = text_of(c, "product_name");
                line.quantity = quantity_from_json(c.value("quantity", Json())).value_or(Decimal{0, 10000});
                line.uom = text_of(c, "uom");
                bom.components.push_back(std::move(line));
            }
        }
        boms.push_back(std::move(bom));
    }
    return boms;
}

std::string failure_report_json(const EquipmentFailureReport& report) {
    return Json{{"equipment_code", report.equipment_code}, {"description", report.description}, {"date", report.date}}
        .dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<EquipmentFailureReport> failure_report_from_json(std::string_view text) {
    const Json parsed = Json::parse(text, nullptr, false);
    auto text_of = [&](const char* key) -> std::optional<std::string> {
        if (!parsed.contains(key) || !parsed[key].is_string()) return std::nullopt;
        return parsed[key].get<std::string>();
    };
    if (parsed.is_discarded() || !parsed.is_object()) {
        return make_error(Errc::protocol, fmt::format("the stored report is not readable: {}", text));
    }
    auto code = text_of("equipment_code");
    auto description = text_of("description");
    auto date = text_of("date");
    if (!code || !description || !date) {
        return make_error(Errc::protocol,
                          fmt::format("the stored report lacks equipment_code, description or date: {}", text));
    }
    return EquipmentFailureReport{std::move(*code), std::move(*description), std::move(*date)};
}

std::optional<std::int64_t> find_failure_record(const Json& result, const std::string& equipment_code,
                                                const std::string& description, const std::string& date) {
    if (!result.is_object() || !result.contains("data") || !result["data"].is_array()) return std::nullopt;
    // Odoo prints the stored date with isoformat(): 'T' where we sent a space.
    std::string iso = date;
    if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
    for (const Json& r : result["data"]) {
        if (text_of(r, "equipment_code") == equipment_code && text_of(r, "description") == description &&
            (text_of(r, "date") == iso || text_of(r, "date") == date)) {
            return id_of(r, "id");
        }
    }
    return std::nullopt;
}

Result<UpdateResult> update_from_result(const Json& result) {
    auto ok = business_result(result);
    if (!ok) return std::move(ok).error();
    UpdateResult update;
    update.mo_state = text_of(result, "mo_state");
    if (result.contains("errors") && result["errors"].is_array()) {
        for (const Json& e : result["errors"])
            update.errors.push_back(e.is_string() ? e.get<std::string>() : e.dump());
    }
    return update;
}

Result<CancelResult> cancel_from_result(const Json& result) {
    auto ok = business_result(result);
    if (!ok) return std::move(ok).error();
    CancelResult cancel;
    cancel.mo_state = text_of(result, "mo_state");
    cancel.already_cancelled = text_of(result, "message") == "Manufacturing order already cancelled";
    if (cancel.mo_state != "cancel") {
        // Odoo can end a cancel in "done" (flexible BoM with posted moves): that is not a cancel.
        return make_error(Errc::refused,
                          fmt::format("Odoo reported success but the MO is in state \"{}\"", cancel.mo_state));
    }
    return cancel;
}

}  // namespace plcbridge::odoo

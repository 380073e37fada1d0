#pragma once
/// The plant's own Odoo answer: the mo-list-detailed response captured from the running plant
/// (tests/data/odoo/mo_list_detailed_response.json, WH/MO/00011..00020), compiled in from that
/// same file so the simulator and the tests serve the same bytes.

#include <string_view>

namespace plcbridge::sim {

[[nodiscard]] std::string_view plant_mo_list_response() noexcept;

}  // namespace plcbridge::sim

#include "plcbridge/service/service_task.hpp"

#include "plcbridge/service/errc.hpp"

namespace plcbridge::service {

void report_odoo(HealthReport& health, const LinkStatus& link) {
    auto latest = [](const LinkStatus& l) {
        return std::max(l.last_ok.value_or(WallClock::time_point{}), l.last_failure.value_or(WallClock::time_point{}));
    };
    if (latest(link) >= latest(health.odoo)) health.odoo = link;
}

Result<void> odoo_as_seen_by(const LinkStatus& link) {
    if (link.down()) return make_error(Errc::odoo_down, link.last_error);
    return {};
}

}  // namespace plcbridge::service

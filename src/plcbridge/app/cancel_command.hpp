#pragma once
/// `plcbridge cancel BATCH_NO [--notes TEXT] [--cancel-in-odoo] [--config FILE]`: the manual cancel
/// from the command line, as the API's POST /api/admin/manual/cancel-batch/{batch_no}. Without
/// --cancel-in-odoo the batch is archived now and Odoo is not called; with it a cancel job is queued
/// for the running service's cancel worker, which archives the batch once Odoo has cancelled the MO.

#include <string>

namespace plcbridge::app {

struct CancelArgs {
    std::string config_path;
    int batch_no = 0;
    std::string notes;
    bool cancel_in_odoo = false;
    int line = 1;  ///< the line whose slot it is ([lines.N]; 1 without [lines])
};

int cancel_command(const CancelArgs& args);

}  // namespace plcbridge::app

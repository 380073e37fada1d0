#pragma once
/// The service configuration: docs/CONTRACT.md "Configuration", every key with its default. Loaded from TOML;
/// PLCBRIDGE_<SECTION>_<KEY> environment variables override the file; unknown sections and keys are
/// errors, never ignored.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "plcbridge/core/result.hpp"
#include "plcbridge/odoo/odoo_client.hpp"
#include "plcbridge/plc/client_options.hpp"
#include "plcbridge/service/service_task.hpp"

namespace plcbridge::app {

struct PlcConfig {
    std::string host = "127.0.0.1";
    std::int64_t port = 9600;
    std::string transport = "udp";
    std::int64_t plc_node = 1;
    std::int64_t client_node = 10;
    std::int64_t timeout_ms = 2000;
    std::int64_t retries = 2;
    /// The PLC's clock shows the plant's local time in this IANA zone (e.g. "Asia/Jakarta"); times
    /// from the PLC are converted to UTC before they are stored and sent to Odoo.
    std::string time_zone = "UTC";
};

struct MemoryMapConfig {
    std::string read_map;
    std::string write_map;
    std::string failure_map;
    /// `equipment_aliases = ["Silo A=silo101", "TETES=lq114"]`: Odoo equipment codes or component names
    /// (normalised: lower case, letters and digits) that mean one of the PLC's equipment codes.
    std::vector<std::pair<std::string, std::string>> equipment_aliases;
    std::int64_t slots = 10;
    std::int64_t slot_stride = 100;
};

struct OdooConfig {
    std::string url = "http://127.0.0.1:8069";
    std::string database = "odoo14";
    std::string login = "admin";
    std::string password;
    std::int64_t timeout_ms = 30000;
    bool mark_done = true;
    /// An error text grt_scada does not send as a final answer (maybe a passing database error in
    /// Odoo), or a JSON-RPC error such as an AccessError: retried this often before the job is
    /// refused (needs attention) for the operator.
    std::int64_t unknown_error_retries = 5;
    /// https:// only: a PEM file of the CA(s) that signed Odoo's certificate (a plant's private CA);
    /// empty = the system's CA store.
    std::string ca_file;
    /// https:// only: false skips the certificate and host-name checks (logged as a WARNING at start).
    bool tls_verify = true;
};

struct DatabaseConfig {
    std::string url = "sqlite:plcbridge.db";
};

struct TasksConfig {
    /// The tasks' periods (each task's `[tasks]` key, unit and range come from its declaration,
    /// service/task_registry), `stuck_after_s`, `log_retention_days`, and `disabled =
    /// ["plc_read", "cancel_worker"]`: tasks that do not run on their schedule (the API can enable them
    /// again, and run them once by hand). Typed and checked here, handed to the service as is.
    service::TaskSettings schedule;
    std::int64_t mo_sync_page_size = 50;  ///< Task 1: confirmed MOs per mo-list-detailed call
    std::int64_t mo_sync_max_pages = 20;  ///< Task 1: pages read per cycle at most
};

struct AutoCancelConfig {
    bool enabled = true;
    std::int64_t confirm_reads = 1;
};

struct ApiConfig {
    std::string listen = "127.0.0.1:8000";
    std::string token;
};

struct LogConfig {
    std::string file = "logs/app.log";  ///< "" = no file (the journal keeps the lines)
    std::string level = "info";
    /// Where the console lines go: "console" (stdout, the file's format), "journal" (stdout with
    /// sd-daemon priority prefixes), "auto" (the journal when stdout is systemd's journal stream).
    std::string target = "auto";
};

/// Several instances sharing one PostgreSQL (docs/FAILOVER.md). With PostgreSQL leadership is
/// always on; this only tunes it. SQLite is single-instance: setting it there is an error.
struct FailoverConfig {
    std::int64_t takeover_ms = 0;  ///< a standby leads within this after the leader died; 0: not set (10000)
};

/// One production line: its PLC, memory maps, schedule and auto-cancel, and which confirmed MOs are
/// its own (docs/LINES.md). `[lines.N]` sections; a key a line does not set is the top-level one.
struct LineConfig {
    int id = 1;
    std::string name;  ///< what the operator calls it; "line N" when unset
    /// The MO equipment codes (`equipment.code` in mo-list-detailed, e.g. "PLC01") whose MOs this
    /// line queues; empty: every confirmed MO (allowed only when the deployment has one line).
    std::vector<std::string> mo_equipment;
    PlcConfig plc;
    MemoryMapConfig memory_map;
    TasksConfig tasks;
    AutoCancelConfig auto_cancel;
};

/// The most lines one deployment serves.
inline constexpr int kMaxLines = 999;

struct Config {
    PlcConfig plc;
    MemoryMapConfig memory_map;
    OdooConfig odoo;
    DatabaseConfig database;
    TasksConfig tasks;
    AutoCancelConfig auto_cancel;
    ApiConfig api;
    LogConfig log;
    FailoverConfig failover;
    /// Never empty after parsing: without `[lines]`, one line (1) made of the top-level sections.
    std::vector<LineConfig> lines;
};

/// What a message about `line` starts with: its name ("Mixer 1: ") when the deployment has several
/// lines, nothing when it has one (its messages read as before lines existed).
[[nodiscard]] std::string line_prefix(const Config& c, const LineConfig& line);

enum class ConfigErrc {
    unreadable = 1,  ///< the file cannot be opened
    syntax,          ///< not valid TOML
    unknown_key,     ///< a section or key that plcbridge does not know
    wrong_type,      ///< e.g. a string where a number belongs
    invalid_value,   ///< out of range or not one of the allowed words
};
const std::error_category& config_category() noexcept;
inline std::error_code make_error_code(ConfigErrc e) noexcept {
    return {static_cast<int>(e), config_category()};
}

/// Looks up an environment variable; injected so tests do not touch the process environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
[[nodiscard]] EnvLookup process_environment();
/// PLCBRIDGE_<SECTION>_<KEY> for every key of the schema.
[[nodiscard]] std::vector<std::string> config_variable_names();

/// Defaults, then `path` (empty = no file), then the environment. Error details name the file,
/// the key and the reason.
[[nodiscard]] Result<Config> load_config(const std::string& path, const EnvLookup& env);
/// Same, from TOML text (tests); `origin` names it in messages.
[[nodiscard]] Result<Config> parse_config(std::string_view toml_text, std::string_view origin, const EnvLookup& env);

/// The PLC client settings the [plc] section describes.
[[nodiscard]] plc::ClientOptions to_client_options(const PlcConfig& config);
/// The Odoo client settings the [odoo] section describes.
[[nodiscard]] odoo::OdooOptions to_odoo_options(const OdooConfig& config);

}  // namespace plcbridge::app

template <>
struct std::is_error_code_enum<plcbridge::app::ConfigErrc> : std::true_type {};

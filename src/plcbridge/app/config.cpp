#include "plcbridge/app/config.hpp"
#include "plcbridge/app/config_lines.hpp"
#include "plcbridge/app/config_section.hpp"

#include "plcbridge/core/enum_error_category.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "plcbridge/core/text_file.hpp"
#include "plcbridge/service/task_registry.hpp"

namespace plcbridge::app {
namespace {

std::string_view describe(ConfigErrc e) noexcept {
    switch (e) {
        case ConfigErrc::unreadable: return "configuration file unreadable";
        case ConfigErrc::syntax: return "configuration file is not valid TOML";
        case ConfigErrc::unknown_key: return "unknown configuration key";
        case ConfigErrc::wrong_type: return "configuration value has the wrong type";
        case ConfigErrc::invalid_value: return "invalid configuration value";
    }
    return {};
}

/// A list is a TOML array of strings; the old form, one string of comma-separated items, is still read.
using List = std::vector<std::string>;
using Value = std::variant<std::string, std::int64_t, bool, List>;

std::string_view trimmed(std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
        t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
        t.remove_suffix(1);
    return t;
}

/// "a, b,,c" -> {a, b, c}: the comma form of a list (a file's old string, an environment variable).
List comma_items(std::string_view rest) {
    List items;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = trimmed(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (!item.empty()) items.emplace_back(item);
    }
    return items;
}

/// A value the schema refuses; the detail says why (the caller adds where).
Error invalid(std::string why) {
    return Error{make_error_code(ConfigErrc::invalid_value), std::move(why)};
}

/// A whole number the schema accepts only within min..max.
Result<void> within(std::int64_t n, std::int64_t min, std::int64_t max) {
    if (n < min || n > max) return invalid(fmt::format("{} is outside {}..{}", n, min, max));
    return {};
}

/// One key of the schema: where it lives, its type, and how to check and store it.
struct Field {
    std::string_view section;
    std::string_view key;
    std::function<Result<void>(Config&, const Value&)> store;  // the error's detail says why
    Value example;                                             // only its type matters
};

template <class Section>
auto int_field(Section Config::*section, std::int64_t Section::*member, std::int64_t min, std::int64_t max) {
    return [=](Config& c, const Value& v) -> Result<void> {
        std::int64_t n = std::get<std::int64_t>(v);
        if (auto in_range = within(n, min, max); !in_range) return in_range;
        (c.*section).*member = n;
        return {};
    };
}

template <class Section>
auto string_field(Section Config::*section, std::string Section::*member, std::vector<std::string_view> allowed = {}) {
    return [=](Config& c, const Value& v) -> Result<void> {
        const std::string& s = std::get<std::string>(v);
        if (!allowed.empty()) {
            bool ok = false;
            for (auto a : allowed)
                ok = ok || s == a;
            if (!ok) return invalid(fmt::format("\"{}\" is not one of: {}", s, fmt::join(allowed, ", ")));
        }
        (c.*section).*member = s;
        return {};
    };
}

/// A text that must say something: empty or only blanks is an error (an empty PLC host would make
/// the service start and never reach a PLC).
template <class Section>
auto required_string_field(Section Config::*section, std::string Section::*member) {
    return [=](Config& c, const Value& v) -> Result<void> {
        const std::string& s = std::get<std::string>(v);
        if (s.find_first_not_of(" \t") == std::string::npos) return invalid("must not be empty");
        (c.*section).*member = s;
        return {};
    };
}

/// [api] token: empty (admin paths open, allowed on loopback only) or a token a client can send.
/// HTTP drops the spaces around a header value, so a token of spaces, or one that starts or ends
/// with a space, could never be matched: it is refused like a missing one, not left to lock out.
auto token_field() {
    return [](Config& c, const Value& v) -> Result<void> {
        const std::string& s = std::get<std::string>(v);
        const bool blank = !s.empty() && s.find_first_not_of(" \t") == std::string::npos;
        if (blank) return invalid("is only spaces: set a real token (or leave it empty to serve 127.0.0.1 only)");
        if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t'))
            return invalid("starts or ends with a space, which HTTP drops from the header: remove the spaces");
        c.api.token = s;
        return {};
    };
}

/// [odoo] url: credentials belong in [odoo] login/password, never in the URL, which is logged.
auto odoo_url_field() {
    return [](Config& c, const Value& v) -> Result<void> {
        const std::string& s = std::get<std::string>(v);
        const auto scheme_end = s.find("://");
        const auto authority_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
        const auto authority_end = s.find_first_of("/?#", authority_start);
        if (s.substr(authority_start, authority_end - authority_start).find('@') != std::string::npos) {
            return invalid(
                "has a user name or password in it (user:password@host): put them in [odoo] login and "
                "[odoo] password, and give the URL as http(s)://host:port");
        }
        c.odoo.url = s;
        return {};
    };
}

template <class Section>
auto bool_field(Section Config::*section, bool Section::*member) {
    return [=](Config& c, const Value& v) -> Result<void> {
        (c.*section).*member = std::get<bool>(v);
        return {};
    };
}

/// A task's period in the unit its key names, within the declared range.
auto period_field(std::string_view task, service::PeriodKey key) {
    return [=](Config& c, const Value& v) -> Result<void> {
        const std::int64_t n = std::get<std::int64_t>(v);
        if (auto in_range = within(n, key.min, key.max); !in_range) return in_range;
        c.tasks.schedule.periods[std::string(task)] = key.unit * n;
        return {};
    };
}

/// A [tasks] duration (`unit` hours per number for days): a number within min..max, stored typed.
template <class Rep, class Period>
auto duration_field(std::chrono::duration<Rep, Period> service::TaskSettings::*member, std::int64_t min,
                    std::int64_t max, std::int64_t unit = 1) {
    return [=](Config& c, const Value& v) -> Result<void> {
        const std::int64_t n = std::get<std::int64_t>(v);
        if (auto in_range = within(n, min, max); !in_range) return in_range;
        c.tasks.schedule.*member = std::chrono::duration<Rep, Period>(n * unit);
        return {};
    };
}

/// A list of task names, each one the service knows.
auto task_list_field() {
    return [](Config& c, const Value& v) -> Result<void> {
        const std::vector<std::string_view> known = service::service_task_names();
        std::set<std::string, std::less<>> names;
        for (const std::string& item : std::get<List>(v)) {
            const std::string_view name = trimmed(item);
            if (name.empty()) continue;
            if (std::find(known.begin(), known.end(), name) == known.end())
                return invalid(fmt::format("\"{}\" is not a task (tasks: {})", name, fmt::join(known, ", ")));
            names.emplace(name);
        }
        c.tasks.schedule.disabled = std::move(names);
        return {};
    };
}

/// A list of "alias=code": each pair needs both sides; the codes are checked against the map later.
auto alias_list_field() {
    return [](Config& c, const Value& v) -> Result<void> {
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const std::string& text : std::get<List>(v)) {
            const std::string_view item = trimmed(text);
            if (item.empty()) continue;
            const auto eq = item.find('=');
            if (eq == std::string_view::npos || trimmed(item.substr(0, eq)).empty() ||
                trimmed(item.substr(eq + 1)).empty())
                return invalid(fmt::format("\"{}\" is not alias=equipment_code (e.g. \"Silo A=silo101\")", item));
            pairs.emplace_back(trimmed(item.substr(0, eq)), trimmed(item.substr(eq + 1)));
        }
        c.memory_map.equipment_aliases = std::move(pairs);
        return {};
    };
}

constexpr std::int64_t kDay = 86400;

const std::vector<Field>& schema() {
    static const std::vector<Field> fields = [] {
        std::vector<Field> f;
        const Value s = std::string{};
        const Value i = std::int64_t{0};
        const Value b = false;
        const Value list = List{};
        f.push_back({"plc", "host", required_string_field(&Config::plc, &PlcConfig::host), s});
        f.push_back({"plc", "port", int_field(&Config::plc, &PlcConfig::port, 1, 65535), i});
        f.push_back({"plc", "transport", string_field(&Config::plc, &PlcConfig::transport, {"udp", "tcp"}), s});
        f.push_back({"plc", "plc_node", int_field(&Config::plc, &PlcConfig::plc_node, 1, 254), i});
        f.push_back({"plc", "client_node", int_field(&Config::plc, &PlcConfig::client_node, 0, 254), i});
        f.push_back({"plc", "timeout_ms", int_field(&Config::plc, &PlcConfig::timeout_ms, 10, 600000), i});
        f.push_back({"plc", "retries", int_field(&Config::plc, &PlcConfig::retries, 0, 10), i});
        f.push_back({"plc", "time_zone", required_string_field(&Config::plc, &PlcConfig::time_zone), s});
        f.push_back({"memory_map", "read_map", string_field(&Config::memory_map, &MemoryMapConfig::read_map), s});
        f.push_back({"memory_map", "write_map", string_field(&Config::memory_map, &MemoryMapConfig::write_map), s});
        f.push_back({"memory_map", "failure_map", string_field(&Config::memory_map, &MemoryMapConfig::failure_map), s});
        f.push_back({"memory_map", "equipment_aliases", alias_list_field(), list});
        f.push_back({"memory_map", "slots", int_field(&Config::memory_map, &MemoryMapConfig::slots, 1, 100), i});
        f.push_back(
            {"memory_map", "slot_stride", int_field(&Config::memory_map, &MemoryMapConfig::slot_stride, 1, 10000), i});
        f.push_back({"odoo", "url", odoo_url_field(), s});
        f.push_back({"odoo", "database", string_field(&Config::odoo, &OdooConfig::database), s});
        f.push_back({"odoo", "login", string_field(&Config::odoo, &OdooConfig::login), s});
        f.push_back({"odoo", "password", string_field(&Config::odoo, &OdooConfig::password), s});
        f.push_back({"odoo", "timeout_ms", int_field(&Config::odoo, &OdooConfig::timeout_ms, 100, 600000), i});
        f.push_back({"odoo", "mark_done", bool_field(&Config::odoo, &OdooConfig::mark_done), b});
        f.push_back({"odoo", "unknown_error_retries",
                     int_field(&Config::odoo, &OdooConfig::unknown_error_retries, 0, 1000), i});
        f.push_back({"odoo", "ca_file", string_field(&Config::odoo, &OdooConfig::ca_file), s});
        f.push_back({"odoo", "tls_verify", bool_field(&Config::odoo, &OdooConfig::tls_verify), b});
        f.push_back({"database", "url", string_field(&Config::database, &DatabaseConfig::url), s});
        // Each task's period key, from its declaration.
        for (const service::TaskEntry& task : service::registered_tasks()) {
            if (const auto& key = task.declaration.period_key)
                f.push_back({"tasks", key->key, period_field(task.declaration.name, *key), i});
        }
        f.push_back(
            {"tasks", "mo_sync_page_size", int_field(&Config::tasks, &TasksConfig::mo_sync_page_size, 1, 1000), i});
        f.push_back(
            {"tasks", "mo_sync_max_pages", int_field(&Config::tasks, &TasksConfig::mo_sync_max_pages, 1, 1000), i});
        f.push_back({"tasks", "stuck_after_s", duration_field(&service::TaskSettings::stuck_after, 1, 30 * kDay), i});
        f.push_back(
            {"tasks", "log_retention_days", duration_field(&service::TaskSettings::log_retention, 1, 3650, 24), i});
        f.push_back({"tasks", "disabled", task_list_field(), list});
        f.push_back({"auto_cancel", "enabled", bool_field(&Config::auto_cancel, &AutoCancelConfig::enabled), b});
        f.push_back({"auto_cancel", "confirm_reads",
                     int_field(&Config::auto_cancel, &AutoCancelConfig::confirm_reads, 1, 100), i});
        f.push_back({"api", "listen", string_field(&Config::api, &ApiConfig::listen), s});
        f.push_back({"api", "token", token_field(), s});
        f.push_back(
            {"failover", "takeover_ms", int_field(&Config::failover, &FailoverConfig::takeover_ms, 1000, 600000), i});
        f.push_back({"log", "file", string_field(&Config::log, &LogConfig::file), s});
        f.push_back(
            {"log", "level", string_field(&Config::log, &LogConfig::level, {"debug", "info", "warning", "error"}), s});
        f.push_back(
            {"log", "target", string_field(&Config::log, &LogConfig::target, {"auto", "console", "journal"}), s});
        return f;
    }();
    return fields;
}

std::string_view type_name(const Value& v) {
    if (std::holds_alternative<std::string>(v)) return "a string";
    if (std::holds_alternative<std::int64_t>(v)) return "an integer";
    if (std::holds_alternative<List>(v)) return "a list of strings ([\"a\", \"b\"])";
    return "true or false";
}

std::optional<Value> from_toml(const toml::node& node, const Value& example) {
    if (std::holds_alternative<std::string>(example)) {
        if (auto s = node.value<std::string>(); s && node.is_string()) return Value{*s};
    } else if (std::holds_alternative<std::int64_t>(example)) {
        if (node.is_integer()) return Value{*node.value<std::int64_t>()};
    } else if (std::holds_alternative<List>(example)) {
        if (node.is_string()) return Value{comma_items(*node.value<std::string>())};
        const auto* array = node.as_array();
        if (array == nullptr) return std::nullopt;
        List items;
        for (const toml::node& item : *array) {
            if (!item.is_string()) return std::nullopt;
            items.push_back(*item.value<std::string>());
        }
        return Value{std::move(items)};
    } else if (node.is_boolean()) {
        return Value{*node.value<bool>()};
    }
    return std::nullopt;
}

std::optional<Value> from_env(const std::string& text, const Value& example) {
    if (std::holds_alternative<std::string>(example)) return Value{text};
    if (std::holds_alternative<List>(example)) return Value{comma_items(text)};
    if (std::holds_alternative<std::int64_t>(example)) {
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
        return Value{n};
    }
    if (text == "true" || text == "1") return Value{true};
    if (text == "false" || text == "0") return Value{false};
    return std::nullopt;
}

std::string env_name(const Field& f) {
    std::string name = fmt::format("PLCBRIDGE_{}_{}", f.section, f.key);
    for (char& c : name)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

}  // namespace

namespace detail {

Error config_error(ConfigErrc e, std::string detail) {
    return Error{make_error_code(e), std::move(detail)};
}

Result<void> apply_section(Config& config, std::string_view name, const toml::table& section, std::string_view origin,
                           std::string_view where) {
    for (const auto& [key, node] : section) {
        const Field* field = nullptr;
        for (const Field& f : schema()) {
            if (f.section == name && f.key == key.str()) field = &f;
        }
        if (field == nullptr) {
            return config_error(ConfigErrc::unknown_key,
                                fmt::format("{} line {}: {}{} is not a configuration key", origin,
                                            node.source().begin.line, where, key.str()));
        }
        auto value = from_toml(node, field->example);
        if (!value) {
            return config_error(ConfigErrc::wrong_type,
                                fmt::format("{} line {}: {}{} must be {}", origin, node.source().begin.line, where,
                                            field->key, type_name(field->example)));
        }
        if (auto stored = field->store(config, *value); !stored) {
            return config_error(ConfigErrc::invalid_value,
                                fmt::format("{} line {}: {}{}: {}", origin, node.source().begin.line, where, field->key,
                                            stored.error().detail));
        }
    }
    return {};
}

std::optional<std::vector<std::string>> string_list(const toml::node& node) {
    auto value = from_toml(node, List{});
    if (!value) return std::nullopt;
    return std::get<List>(std::move(*value));
}

}  // namespace detail

using detail::config_error;

const std::error_category& config_category() noexcept {
    static const EnumErrorCategory<ConfigErrc> category("config", &describe);
    return category;
}

std::vector<std::string> config_variable_names() {
    std::vector<std::string> names;
    for (const Field& f : schema())
        names.push_back(env_name(f));
    return names;
}

EnvLookup process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

Result<Config> parse_config(std::string_view toml_text, std::string_view origin, const EnvLookup& env) {
    Config config;
    toml::table table;
    try {
        table = toml::parse(toml_text, origin);
    } catch (const toml::parse_error& e) {
        return config_error(ConfigErrc::syntax, fmt::format("{} line {} column {}: {}", origin, e.source().begin.line,
                                                            e.source().begin.column, e.description()));
    }

    // Every key in the file must be in the schema.
    const toml::table* lines = nullptr;
    for (const auto& [section_key, section_node] : table) {
        const auto* section = section_node.as_table();
        if (section_key.str() == "lines" && section != nullptr) {
            lines = section;  // after the environment: lines start from the top-level sections
            continue;
        }
        bool known_section = false;
        for (const Field& f : schema())
            known_section = known_section || f.section == section_key.str();
        if (!known_section || section == nullptr) {
            return config_error(ConfigErrc::unknown_key,
                                fmt::format("{}: [{}] is not a configuration section (known: plc, memory_map, odoo, "
                                            "database, tasks, auto_cancel, api, log, failover, lines)",
                                            origin, section_key.str()));
        }
        const std::string where = fmt::format("{}.", section_key.str());
        if (auto applied = detail::apply_section(config, section_key.str(), *section, origin, where); !applied)
            return std::move(applied).error();
    }

    for (const Field& f : schema()) {
        const std::string name = env_name(f);
        auto text = env(name);
        if (!text) continue;
        auto value = from_env(*text, f.example);
        if (!value) {
            return config_error(ConfigErrc::wrong_type,
                                fmt::format("environment variable {} (overrides {}.{}) must be {}", name, f.section,
                                            f.key, type_name(f.example)));
        }
        if (auto stored = f.store(config, *value); !stored) {
            return config_error(ConfigErrc::invalid_value, fmt::format("environment variable {} (overrides {}.{}): {}",
                                                                       name, f.section, f.key, stored.error().detail));
        }
    }
    if (lines == nullptr) {
        config.lines = {detail::line_of(config, 1)};
    } else {
        auto parsed = detail::parse_lines(config, *lines, origin);
        if (!parsed) return std::move(parsed).error();
        config.lines = std::move(*parsed);
    }
    return config;
}

Result<Config> load_config(const std::string& path, const EnvLookup& env) {
    if (path.empty()) return parse_config("", "(defaults)", env);
    TextFile file = read_text_file(path);
    if (!file.text) {
        return config_error(
            ConfigErrc::unreadable,
            fmt::format("{}: cannot open ({}); pass an existing TOML file to --config", path, file.why));
    }
    return parse_config(*file.text, path, env);
}

plc::ClientOptions to_client_options(const PlcConfig& c) {
    plc::ClientOptions o;
    o.host = c.host;
    o.port = static_cast<std::uint16_t>(c.port);
    o.transport = c.transport == "tcp" ? plc::TransportKind::tcp : plc::TransportKind::udp;
    o.plc_node = static_cast<std::uint8_t>(c.plc_node);
    o.client_node = static_cast<std::uint8_t>(c.client_node);
    o.timeout = std::chrono::milliseconds(c.timeout_ms);
    o.retries = static_cast<int>(c.retries);
    return o;
}

odoo::OdooOptions to_odoo_options(const OdooConfig& c) {
    odoo::OdooOptions o;
    o.url = c.url;
    o.database = c.database;
    o.login = c.login;
    o.password = c.password;
    o.timeout = std::chrono::milliseconds(c.timeout_ms);
    o.tls = odoo::TlsSettings{c.tls_verify, c.ca_file};
    return o;
}

}  // namespace plcbridge::app

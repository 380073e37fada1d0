#pragma once
// The real plcbridge binary as a child process: started with a config file, stdout and stderr to
// files, its API port read from the first stdout line ({"api_port": P}); stopped with a signal.
// Every wait has a deadline.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace plcbridge::testing {

/// The binary under test: $PLCBRIDGE_TEST_BINARY (the packaged one, say), else the path the build
/// compiled in.
inline std::string plcbridge_binary() {
    if (const char* path = std::getenv("PLCBRIDGE_TEST_BINARY")) return path;
#ifdef PLCBRIDGE_BINARY_PATH
    return PLCBRIDGE_BINARY_PATH;
#else
    return "build/plcbridge";
#endif
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Polls `done` every 20 ms until it is true or `deadline` passes; true when it became true.
template <class Predicate>
bool wait_until(Predicate done, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

class ServiceProcess {
  public:
    /// `env`: variables set for the child only (NOTIFY_SOCKET, ...).
    ServiceProcess(std::vector<std::string> args, std::string output_prefix,
                   const std::vector<std::pair<std::string, std::string>>& env = {})
        : stdout_path_(output_prefix + ".stdout"), stderr_path_(output_prefix + ".stderr") {
        std::vector<std::string> argv_storage{plcbridge_binary()};
        argv_storage.insert(argv_storage.end(), args.begin(), args.end());
        // Everything the child needs is built before fork: between fork and exec a child of a
        // threaded process must not allocate (another thread may have held the allocator's lock).
        std::vector<std::string> env_storage;
        for (char** entry = environ; *entry != nullptr; ++entry) {
            const std::string_view text(*entry);
            const std::string_view name = text.substr(0, text.find('='));
            const bool replaced =
                std::any_of(env.begin(), env.end(), [&](const auto& extra) { return extra.first == name; });
            if (!replaced) env_storage.emplace_back(text);
        }
        for (const auto& [name, value] : env)
            env_storage.push_back(name + "=" + value);
        std::vector<char*> argv;
        for (auto& a : argv_storage)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<char*> envp;
        for (auto& e : env_storage)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        pid_ = fork();
        if (pid_ == 0) {
            const int out = open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int err = open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(out, 1);
            dup2(err, 2);
            execve(argv[0], argv.data(), envp.data());
            _exit(127);
        }
    }
    ~ServiceProcess() {
        if (running()) {
            kill(pid_, SIGKILL);
            (void)wait_exit(std::chrono::seconds(10));
        }
    }
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    /// The port from {"api_port": P}; 0 when the service did not print it in time.
    std::uint16_t api_port(std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
        static const std::regex line(R"(\{"api_port": (\d+)\})");
        std::smatch m;
        std::string out;
        const bool found = wait_until(
            [&] {
                out = read_file(stdout_path_);
                return std::regex_search(out, m, line) || !running();
            },
            deadline);
        if (!found || m.empty()) {
            const std::string exit =
                running() ? "still running"
                          : (WIFEXITED(status_) ? "exit code " + std::to_string(WEXITSTATUS(status_))
                                                : "killed by signal " + std::to_string(WTERMSIG(status_)));
            ADD_FAILURE() << "the service (" << plcbridge_binary() << ") printed no api_port (" << exit
                          << ", 127 = could not be started); stdout:\n"
                          << out << "\nstderr:\n"
                          << errors();
            return 0;
        }
        return static_cast<std::uint16_t>(std::stoi(m[1].str()));
    }

    bool running() {
        if (exited_) return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exited_ = true;
            status_ = status;
            return false;
        }
        return true;
    }
    void signal(int sig) {
        if (running()) kill(pid_, sig);
    }
    /// The exit code (or 128 + signal), nullopt if it is still running at the deadline.
    std::optional<int> wait_exit(std::chrono::milliseconds deadline) {
        if (!wait_until([&] { return !running(); }, deadline)) return std::nullopt;
        if (WIFEXITED(status_)) return WEXITSTATUS(status_);
        return 128 + WTERMSIG(status_);
    }
    [[nodiscard]] std::string output() const { return read_file(stdout_path_); }
    [[nodiscard]] std::string errors() const { return read_file(stderr_path_); }

  private:
    std::string stdout_path_;
    std::string stderr_path_;
    pid_t pid_ = -1;

  public:
    [[nodiscard]] pid_t pid() const { return pid_; }

  private:
    bool exited_ = false;
    int status_ = 0;
};

}  // namespace plcbridge::testing

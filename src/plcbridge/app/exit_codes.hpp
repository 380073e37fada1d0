#pragma once
/// Process exit codes (docs/CONTRACT.md "Command line").

namespace plcbridge::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;  ///< e.g. the PLC did not answer
inline constexpr int kExitBadUsage = 2;        ///< bad arguments or configuration; the message names the cause

}  // namespace plcbridge::app

// SPDX-License-Identifier: Apache-2.0
// Expansion of configuration strings (spec: rednode-format.md §3).
//
// `$NAME` tags are replaced from an explicit context (the node that defines the entry and
// the leaf being launched), `\$` is a literal dollar and `$(command)` is handed to a
// CommandPolicy chosen by the caller: the launcher allows the caller's own commands (run
// confined, ShellCommandRunner), the privileged helper refuses them, a viewer keeps them
// verbatim.
#pragma once

#include "redpak/base/diagnostic.h"
#include "redpak/config/config.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// What the NODE_* / LEAF_* tags and the REDNODE_* file tags of one node expand to.
// `path` never ends with '/' (spec §4 deviation: the original tool adds one for parents).
struct NodeTags {
    std::string alias;
    std::string name;
    std::string path;
    std::string info;
};

// Where an expanded string or a command was read from, for messages and for deciding
// whose privileges a command may run with.
struct TextOrigin {
    std::string file;
    SourcePos pos{};
    // Owner (uid) of `file` as it was opened; absent when the text does not come from a file.
    // A command runs only when this owner is the caller (ShellCommandRunner).
    std::optional<std::uint32_t> owner;
};

// Runs one shell command and returns its raw standard output.
class CommandRunner {
public:
    virtual ~CommandRunner() = default;
    // Throws InputError naming `origin` when the command cannot run or exits non-zero.
    virtual std::string run(const std::string& command, const TextOrigin& origin) = 0;
};

// Limits of one configuration command (ShellCommandRunner).
struct CommandLimits {
    int cpuSeconds = 10;               // RLIMIT_CPU of the command
    int wallClockMilliseconds = 10000; // killed (its whole process group) after this
    std::size_t maxOutput = 1u << 20;  // more standard output than this is an error
};

// `/bin/sh -c COMMAND`, only for the caller's own files: the command of a file owned by the
// caller runs as the caller; for a privileged caller (root) a command of a root-owned file
// runs as nobody (65534:65534) without groups or capabilities; every other command, and one
// whose file owner is unknown, is refused (CommandRefusedError naming the file, line and
// owner). The owner is TextOrigin::owner, taken when the file was opened; the path is never
// looked at again. The command is confined: a new session (no controlling terminal), stdin
// /dev/null, stdout a pipe, stderr a capped pipe (quoted in the error when it fails), no
// other descriptor, an environment of a fixed PATH and the launcher's HOME, XAUTHORITY,
// DISPLAY, WAYLAND_DISPLAY and XDG_RUNTIME_DIR when set (where the caller's display session is,
// used with the command's own rights), working directory /, PR_SET_NO_NEW_PRIVS and the
// CommandLimits.
class ShellCommandRunner final : public CommandRunner {
public:
    explicit ShellCommandRunner(CommandLimits limits = {}) : m_limits(limits) {}
    std::string run(const std::string& command, const TextOrigin& origin) override;

private:
    CommandLimits m_limits;
};

// A `$(...)` or Execfd command that the CommandPolicy does not let run. Callers that must
// tell a refusal from other bad input (the helper answers it with its own D-Bus error) catch
// this type; everyone else handles it as the InputError it is.
class CommandRefusedError : public InputError {
public:
    using InputError::InputError;
};

// What happens to `$(...)` and Execfd commands.
class CommandPolicy {
public:
    enum class Kind {
        Allow,  // run through the runner
        Refuse, // error naming the file and line (the privileged helper)
        Keep,   // not run: `$(command)` stays in the text (viewers, audits)
    };

    static CommandPolicy allow(CommandRunner& runner) {
        return CommandPolicy(Kind::Allow, &runner);
    }
    static CommandPolicy refuse() { return CommandPolicy(Kind::Refuse, nullptr); }
    static CommandPolicy keep() { return CommandPolicy(Kind::Keep, nullptr); }

    Kind kind() const { return m_kind; }

    // Output of `command` with one trailing newline removed (Allow), `$(command)` (Keep), or
    // CommandRefusedError naming `origin` (Refuse).
    std::string evaluate(const std::string& command, const TextOrigin& origin) const;

    // Exact output of `command` for a file's content (Execfd exports: nothing stripped).
    // Throws CommandRefusedError naming `origin` under Refuse and Keep (there is no content to
    // show).
    std::string fileContent(const std::string& command, const TextOrigin& origin) const;

private:
    CommandPolicy(Kind kind, CommandRunner* runner) : m_kind(kind), m_runner(runner) {}
    Kind m_kind;
    CommandRunner* m_runner;
};

// Looks a tag up in the launching environment (exact case); nullopt when unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvironmentLookup processEnvironment();

// The tags whose value belongs to one launch rather than to the configuration, the host or
// the user: `UUID` (fresh at every use), `PID` (the launcher's process) and `TODAY` (the
// launch date).
enum class LaunchValues {
    // Launch: the values of this launch (redwrap, the helper's launch).
    Live,
    // Review (diff, impact, audit, findings, the GUI's effective view): the tag stays as
    // `$UUID`, `$PID`, `$TODAY`. A review describes every launch, not one: a sample value would
    // be meaningless, and worse, two expansions of the same unchanged file would differ (a fresh
    // UUID each time) and show as a change. Like `$(command)` under CommandPolicy::keep(), the
    // symbolic form is what every launch shares, so equal files always give equal reviews.
    // Environment tags (isEnvironmentTag) stay symbolic too (`$HOME`, as written; `$NODE_PREFIX`)
    // and so do Inherit variables: their value is the launcher's, not the reviewer's, and an
    // approved `$HOME/data` export may mount another directory at every launch.
    Symbolic,
};

// True for a tag (name without `$`) whose value comes from the launching environment: every
// tag that is not predefined (rednode-format.md §3: looked up in the process environment),
// and NODE_PREFIX, the predefined tag read from it.
bool isEnvironmentTag(std::string_view name);

// The environment tags `text` uses (`$NAME`, not `\$NAME`), each once, in order of first use.
// Under LaunchValues::Symbolic an expanded text keeps them, so this also tells which effective
// values depend on the launching environment.
std::vector<std::string> environmentTagsIn(std::string_view text);

// The tags `text` uses that are neither predefined (case-insensitive) nor set in `environment`
// (exact case): they expand to an empty string, as in REDPAK, and are most often typos. Each
// once, in order of first use; `\$NAME` and the inside of `$(command)` (the shell's own
// variables) are not tags.
std::vector<std::string> unknownTagsIn(std::string_view text, const EnvironmentLookup& environment);

// The finding id of an unknown tag (findings.h).
inline constexpr std::string_view kUnknownTagCode = "expand.unknown-tag";

// "unknown tag $NAME in ITEM expands to an empty string: ... (did you mean $LEAF_ALIAS?)".
std::string unknownTagMessage(const std::string& tag, const std::string& item);

// One warning (file, line and column of the item, unknownTagMessage) for every unknown tag of
// the values of `config` that are expanded (rednode-format.md §3: Default and Execfd environ
// values, exports, the expanded `config` keys, joined namespaces, cgroup values).
std::vector<Diagnostic> unknownTagWarnings(const Config& config, const std::string& file,
                                           const EnvironmentLookup& environment);

// Expands strings. Cheap to construct; host facts (user name, host name...) are read only
// when a string uses them.
class Expander {
public:
    explicit Expander(const CommandPolicy& commands,
                      EnvironmentLookup environment = processEnvironment(),
                      LaunchValues launchValues = LaunchValues::Live);

    // `text` expanded with `defining` for NODE_* and `leaf` for LEAF_*. Throws InputError
    // naming `origin` for an unterminated `$(` or a refused/failed command.
    std::string expand(std::string_view text, const NodeTags& defining, const NodeTags& leaf,
                       const TextOrigin& origin) const;

    // Value of one tag (predefined, case-insensitive, or from the environment, exact case).
    // Under LaunchValues::Symbolic a launch tag gives itself, upper case (`$uuid` -> `$UUID`),
    // and an environment tag gives itself as written (`$HOME`; `$NODE_PREFIX`).
    std::string tagValue(std::string_view name, const NodeTags& defining,
                         const NodeTags& leaf) const;

    // The launching environment itself, also under LaunchValues::Symbolic: what unknown tags
    // are checked against (a tag unset there expands to "" at launch whatever the review shows).
    const EnvironmentLookup& launchEnvironment() const { return m_launchEnvironment; }

    const CommandPolicy& commands() const { return m_commands; }
    // The launching environment; under LaunchValues::Symbolic, `$NAME` for every name.
    const EnvironmentLookup& environment() const { return m_environment; }

private:
    CommandPolicy m_commands;
    EnvironmentLookup m_environment;
    EnvironmentLookup m_launchEnvironment;
    LaunchValues m_launchValues;
};

// Removes one trailing "\n" (spec §4 deviation: the original tool keeps it).
std::string stripOneTrailingNewline(std::string text);

} // namespace redpak

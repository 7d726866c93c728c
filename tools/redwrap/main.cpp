// SPDX-License-Identifier: Apache-2.0
// redwrap: run a command in a rednode (spec: merge-and-launch.md §4).
//
//   redwrap [--admin] [--dump-only] [--dump-format text|json] [--bwrap PATH] [--force]
//           --redpath DIR [-- COMMAND ARGS...]
//   redwrap [OPTIONS] --redpath DIR --app APP [FILE|URL...]
//   OPTIONS include --session-bus NAME (repeatable): the session bus through a filtering proxy
//
// Merge errors, invalid configs and setup failures print a message on stderr, nothing on
// stdout, and exit non-zero; nothing is started. On success redwrap becomes bwrap, which exits
// with the command's status (128+signal when the command was killed).
// stdio only (no iostream): start-up time is measured.
#include "redpak/base/diagnostic.h"
#include "redpak/base/text_escape.h"
#include "redpak/format/effective_format.h"
#include "redpak/launch/launch.h"
#include "redpak/launch/plan.h"
#include "redpak/merge/expand.h"
#include "redpak/merge/merge.h"
#include "redpak/tree/applications.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kUsageError = 2;
constexpr int kFailure = 1;

constexpr const char* kUsage =
    "usage: redwrap [--admin] [--dump-only] [--dump-format text|json] [--bwrap PATH] [--force]\n"
    "               [--session-bus NAME]... --redpath DIR [-- COMMAND [ARGS...]]\n"
    "       redwrap [OPTIONS] --redpath DIR --app APP [FILE|URL...]\n"
    "Runs COMMAND (default /bin/sh) in the rednode DIR with bubblewrap.\n"
    "  --redpath DIR       the rednode to launch (its family is merged, root first)\n"
    "  --app APP           run the node's application APP (ID or name, 'redconf app list');\n"
    "                      what follows is given to it as files or URLs (%f %F %u %U)\n"
    "  --admin             merge the admin configs too (redpak-admin.yaml)\n"
    "  --dump-only         print the bwrap call instead of running it; no command of the\n"
    "                      configuration's exports runs (Execfd files show their fd number,\n"
    "                      Internal files their source path); commands of environment values\n"
    "                      run only from the caller's own files, like at launch\n"
    "  --dump-format F     text (default, one option per line) or json (with provenance)\n"
    "  --bwrap PATH        bubblewrap executable (default /usr/bin/bwrap)\n"
    "  --force             launch even when cgroup limits cannot be applied\n"
    "  --require-audit     refuse a node whose family differs from its approved audit\n"
    "                      (always on with 'audit: required' in /etc/redpak/launch-policy)\n"
    "  --session-bus NAME  give the node the session bus through xdg-dbus-proxy, letting it\n"
    "                      talk to NAME only (org.example.App, org.example.*, or 'portals'\n"
    "                      for org.freedesktop.portal.*); repeatable, before --app; added to\n"
    "                      the X-RedPak-Session-Bus names of the application's desktop entry\n";

struct Arguments {
    std::string redpath;
    bool admin = false;
    bool dumpOnly = false;
    bool json = false;
    bool force = false;
    bool requireAudit = false;
    std::string bwrap = "/usr/bin/bwrap";
    std::vector<std::string> command;
    std::string app;                     // --app: the node's application to run
    std::vector<std::string> appFiles;   // the files or URLs after --app APP
    std::vector<std::string> sessionBus; // --session-bus names, as given
};

void printError(const char* message) {
    std::fprintf(stderr, "redwrap: error: %s\n", message);
}

// Returns 0 when parsed, otherwise the exit code (help: 0 through `done`).
int parseArguments(int argc, char** argv, Arguments& args, bool& done) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&](std::string& into) {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "redwrap: error: %s needs a value\n%s", argv[i], kUsage);
                return false;
            }
            into = argv[++i];
            return true;
        };
        if (arg == "--") {
            args.command.assign(argv + i + 1, argv + argc);
            break;
        }
        if (arg == "--app") {
            if (!value(args.app)) {
                return kUsageError;
            }
            // Desktops append the files after the Exec line's arguments: all of them are files.
            const int first = i + 1 < argc && std::string_view(argv[i + 1]) == "--" ? i + 2 : i + 1;
            args.appFiles.assign(argv + std::min(first, argc), argv + argc);
            break;
        }
        if (arg == "--redpath") {
            if (!value(args.redpath)) {
                return kUsageError;
            }
        } else if (arg == "--admin") {
            args.admin = true;
        } else if (arg == "--dump-only") {
            args.dumpOnly = true;
        } else if (arg == "--dump-format") {
            std::string format;
            if (!value(format)) {
                return kUsageError;
            }
            if (format != "json" && format != "text") {
                std::fprintf(stderr, "redwrap: error: unknown dump format '%s' (text or json)\n",
                             format.c_str());
                return kUsageError;
            }
            args.json = format == "json";
        } else if (arg == "--bwrap") {
            if (!value(args.bwrap)) {
                return kUsageError;
            }
        } else if (arg == "--force") {
            args.force = true;
        } else if (arg == "--require-audit") {
            args.requireAudit = true;
        } else if (arg == "--session-bus") {
            if (!value(args.sessionBus.emplace_back())) {
                return kUsageError;
            }
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kUsage, stdout);
            done = true;
            return 0;
        } else {
            std::fprintf(stderr, "redwrap: error: unknown option '%s'\n%s",
                         redpak::escapeText(arg).c_str(), kUsage);
            return kUsageError;
        }
    }
    if (args.redpath.empty()) {
        std::fprintf(stderr, "redwrap: error: --redpath DIR is required\n%s", kUsage);
        return kUsageError;
    }
    if (!args.app.empty() && !args.command.empty()) {
        std::fprintf(stderr, "redwrap: error: --app and -- COMMAND exclude each other\n%s", kUsage);
        return kUsageError;
    }
    return 0;
}

// What runs: the command, and the session bus names it may talk to (none: no bus).
struct Launched {
    std::vector<std::string> command;
    std::vector<std::string> sessionBus;
};

// The command of the application --app names, as the snapshot read its desktop entry, or the
// command after --; the bus names of --session-bus and of the entry.
Launched whatRuns(const redpak::FamilySnapshot& snapshot, const Arguments& args) {
    using namespace redpak;
    Launched launched{args.command, args.sessionBus};
    if (!args.app.empty()) {
        const std::vector<NodeApplication> applications = leafApplications(snapshot);
        const NodeApplication& application =
            findApplication(applications, args.app, snapshot.leaf().location.base);
        const std::string file = application.file.string();
        launched.command = execArguments(application.entry, args.appFiles, file, file);
        const std::vector<std::string> names =
            application.entry.sessionBus().value_or(std::vector<std::string>());
        launched.sessionBus.insert(launched.sessionBus.end(), names.begin(), names.end());
    }
    launched.sessionBus = parseSessionBusNames(launched.sessionBus, "--session-bus", 0);
    return launched;
}

// The launcher's session bus: its DBUS_SESSION_BUS_ADDRESS, else the usual socket of its
// runtime directory (as GDBus and libdbus find it); empty when it has none.
std::string launcherSessionBus() {
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address) {
        return address;
    }
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    return runtime && *runtime ? std::string("unix:path=") + runtime + "/bus" : std::string();
}

int run(const Arguments& args, const char* argv0) {
    using namespace redpak;
    const MergeMode mode = args.admin ? MergeMode::Admin : MergeMode::Normal;
    LaunchPreconditions preconditions;
    preconditions.requireAudit = args.requireAudit;
    preconditions.dumpOnly = args.dumpOnly;
    // The family is read once, its owners checked on the open files when redwrap is privileged,
    // the policy and status checked on those bytes; nothing of it is read again.
    const FamilySnapshot snapshot = openFamilyForLaunch(args.redpath, preconditions);
    const std::vector<FamilyMember> family = loadFamily(snapshot, mode);
    // Resolved from the same snapshot, before anything runs (a dump checks it too).
    const Launched launched = whatRuns(snapshot, args);
    // Only the caller's own commands run, confined (root's as nobody; see shell_command.cpp).
    // Environ Execfd values are part of the dump, so they run in dump mode too; export Execfd
    // commands only run for a real launch.
    ShellCommandRunner runner;
    const CommandPolicy commands = CommandPolicy::allow(runner);
    const Expander expander(commands);
    const EffectiveConfig effective = mergeFamily(family, MergeOptions{mode, &expander});
    for (const Diagnostic& warning : effective.warnings) {
        std::fprintf(stderr, "redwrap: warning: %s\n", warning.format().c_str());
    }
    if (!effective.ok()) {
        for (const MergeError& error : effective.errors) {
            printError(error.diagnostic.format().c_str());
        }
        std::fprintf(stderr, "redwrap: error: merge failed, nothing launched\n");
        return kFailure;
    }
    BwrapPlan plan = buildPlan(effective);
    if (!launched.sessionBus.empty()) {
        planSessionBus(plan, launched.sessionBus, launcherSessionBus());
    }
    if (args.dumpOnly) {
        const std::string text = args.json ? formatPlanJson(plan, effective, args.bwrap, argv0)
                                           : formatDump(plan, args.bwrap, argv0);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return std::fflush(stdout) == 0 ? 0 : kFailure;
    }
    LaunchOptions options;
    options.bwrapPath = args.bwrap;
    options.command = launched.command;
    options.force = args.force;
    options.commands = &commands;
    options.warn = [](const std::string& message) {
        std::fprintf(stderr, "redwrap: warning: %s\n", redpak::escapeText(message).c_str());
    };
    launch(plan, options);
}

// No setuid/setgid install (risk analysis rec. 5): the caller's configuration must never
// decide what runs with privileges the caller does not have. Saved ids count too.
bool runsWithCallersIds() {
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0) {
        return false;
    }
    return ruid == euid && ruid == suid && rgid == egid && rgid == sgid;
}

// "redwrap" for "/usr/bin/redwrap": the dump names the program as it was called.
const char* baseName(const char* path) {
    const char* slash = std::strrchr(path, '/');
    return slash ? slash + 1 : path;
}

} // namespace

int main(int argc, char** argv) {
    if (!runsWithCallersIds()) {
        printError("redwrap must not be installed setuid or setgid: its real and effective "
                   "user and group ids differ, and a caller's configuration would choose what "
                   "runs with the privileges; privileged launches go through redpak-helper");
        return kFailure;
    }
    Arguments args;
    bool done = false;
    if (const int rc = parseArguments(argc, argv, args, done); rc != 0 || done) {
        return rc;
    }
    try {
        return run(args, baseName(argv[0]));
    } catch (const redpak::InputError& e) {
        printError(e.diagnostic().format().c_str());
    } catch (const std::exception& e) {
        printError(redpak::escapeText(e.what()).c_str());
    }
    return kFailure;
}

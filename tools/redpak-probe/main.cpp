// SPDX-License-Identifier: Apache-2.0
// redpak-probe: what a process inside a rednode really gets, as JSON on stdout (read by
// `redconf verify`, which launches it through redwrap with the node's plan).
//
//   redpak-probe [--launcher-ns NAME=INODE]... [--family DEV:INODE]... [--walk DIR]...
//
// --launcher-ns gives the launcher's own namespace inodes (echoed for the comparison),
// --family the device and inode of each config, status and audit file of the family, --walk
// the exported trees searched for them (bounded in entries and time). Only the C++ and C
// libraries: no Qt, no yaml-cpp, nothing of the node's configuration.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <sstream>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char** environ;

namespace {

constexpr std::size_t kWalkEntryLimit = 200000;
constexpr std::chrono::seconds kWalkTimeLimit{20};

std::string quote(const std::string& text) {
    std::string out = "\"";
    for (const char character : text) {
        const auto c = static_cast<unsigned char>(character);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string readFile(const char* path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// "Name:\tvalue" lines of /proc/self/status, as written.
std::string statusField(const std::string& status, const std::string& name) {
    const std::string key = "\n" + name + ":";
    const std::size_t at = ("\n" + status).find(key);
    if (at == std::string::npos) {
        return "";
    }
    std::size_t begin = at + key.size() - 1;
    while (begin < status.size() && (status[begin] == ' ' || status[begin] == '\t')) {
        ++begin;
    }
    const std::size_t end = status.find('\n', begin);
    return status.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

struct Args {
    std::vector<std::pair<std::string, std::string>> launcherNamespaces;
    std::vector<std::pair<unsigned long long, unsigned long long>> family;
    std::vector<std::string> walk;
};

bool parseArgs(int argc, char** argv, Args& args) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        const std::string value = argv[i + 1];
        if (option == "--launcher-ns" && value.find('=') != std::string::npos) {
            const std::size_t eq = value.find('=');
            args.launcherNamespaces.emplace_back(value.substr(0, eq), value.substr(eq + 1));
        } else if (option == "--family" && value.find(':') != std::string::npos) {
            const std::size_t colon = value.find(':');
            args.family.emplace_back(std::strtoull(value.c_str(), nullptr, 10),
                                     std::strtoull(value.c_str() + colon + 1, nullptr, 10));
        } else if (option == "--walk") {
            args.walk.push_back(value);
        } else {
            return false;
        }
    }
    return argc % 2 == 1;
}

std::string identityJson(const std::string& status) {
    std::string groups = "[";
    const int count = getgroups(0, nullptr);
    std::vector<gid_t> list(count > 0 ? static_cast<std::size_t>(count) : 0);
    if (count > 0 && getgroups(count, list.data()) == count) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            groups += (i ? ", " : "") + std::to_string(list[i]);
        }
    }
    std::string out = "  \"uid\": " + std::to_string(getuid()) +
                      ",\n  \"gid\": " + std::to_string(getgid()) + ",\n  \"groups\": " + groups +
                      "],\n  \"capabilities\": {";
    const char* sets[] = {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"};
    for (std::size_t i = 0; i < 5; ++i) {
        out += std::string(i ? ", " : "") + quote(sets[i]) + ": " +
               quote(statusField(status, sets[i]));
    }
    return out + "},\n  \"no_new_privs\": " + quote(statusField(status, "NoNewPrivs")) +
           ",\n  \"seccomp\": " + quote(statusField(status, "Seccomp")) + ",\n";
}

// TIOCSTI on a terminal that is the controlling terminal of the caller (the kernel refuses it
// on another terminal anyway): a child opens a fresh pty in a session of its own, so only the
// seccomp program (or the kernel's legacy_tiocsti switch) can refuse it.
std::string tiocstiResult() {
    const int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || !ptsname(master)) {
        return "untestable";
    }
    const std::string slave = ptsname(master);
    const pid_t child = fork();
    if (child == 0) {
        setsid();
        const int fd = open(slave.c_str(), O_RDWR);
        if (fd < 0) {
            _exit(3);
        }
        const char c = '\n';
        _exit(ioctl(fd, TIOCSTI, &c) == 0 ? 0 : (errno == EPERM || errno == EIO ? 1 : 2));
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
        close(master);
        return "untestable";
    }
    close(master);
    const int code = WEXITSTATUS(status);
    return code == 0 ? "allowed" : code == 1 ? "refused" : "untestable";
}

std::string namespacesJson(const Args& args) {
    const char* names[] = {"user", "cgroup", "net", "pid", "ipc", "uts", "mnt", "time"};
    std::string out = "  \"namespaces\": {";
    bool first = true;
    for (const char* name : names) {
        struct stat info {};
        const std::string path = std::string("/proc/self/ns/") + name;
        std::string launcher = "null";
        for (const auto& [key, inode] : args.launcherNamespaces) {
            if (key == name) {
                launcher = inode;
            }
        }
        const std::string inode =
            stat(path.c_str(), &info) == 0 ? std::to_string(info.st_ino) : "null";
        out += std::string(first ? "\n" : ",\n") + "    " + quote(name) + ": {\"inode\": " + inode +
               ", \"launcher\": " + launcher + "}";
        first = false;
    }
    return out + "\n  },\n";
}

// mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER".
// Paths are octal-escaped there ("\040" for a space); they are decoded.
std::string unescapeMountField(const std::string& field) {
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out += static_cast<char>(std::strtol(field.substr(i + 1, 3).c_str(), nullptr, 8));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

std::string mountLineJson(const std::string& line) {
    std::istringstream in(line);
    std::string id, parent, device, root, point, options, field;
    in >> id >> parent >> device >> root >> point >> options;
    while (in >> field && field != "-") {
    }
    std::string type, source;
    in >> type >> source;
    const bool readOnly = options == "ro" || options.rfind("ro,", 0) == 0;
    return "{\"mount\": " + quote(unescapeMountField(point)) +
           ", \"source\": " + quote(unescapeMountField(source)) +
           ", \"root\": " + quote(unescapeMountField(root)) + ", \"type\": " + quote(type) +
           ", \"read_only\": " + (readOnly ? "true" : "false") + "}";
}

std::string mountsJson() {
    std::istringstream in(readFile("/proc/self/mountinfo"));
    std::string out = "  \"mounts\": [";
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        out += std::string(first ? "\n    " : ",\n    ") + mountLineJson(line);
        first = false;
    }
    return out + "\n  ],\n";
}

struct Walk {
    const Args& args;
    std::chrono::steady_clock::time_point deadline;
    std::size_t entries = 0;
    bool complete = true;
    std::vector<std::string> found;

    void check(const std::string& path, const struct stat& info) {
        for (const auto& [device, inode] : args.family) {
            if (info.st_dev == device && info.st_ino == inode) {
                found.push_back(path);
            }
        }
    }

    // Depth first, without following symbolic links, staying below `path`.
    void visit(const std::string& path) {
        DIR* dir = opendir(path.c_str());
        if (!dir) {
            return;
        }
        while (const dirent* entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name == "." || name == "..") {
                continue;
            }
            if (++entries > kWalkEntryLimit || std::chrono::steady_clock::now() > deadline) {
                complete = false;
                break;
            }
            const std::string child = (path == "/" ? "" : path) + "/" + name;
            struct stat info {};
            if (lstat(child.c_str(), &info) != 0) {
                continue;
            }
            check(child, info);
            if (S_ISDIR(info.st_mode)) {
                visit(child);
            }
        }
        closedir(dir);
    }
};

std::string familyJson(const Args& args) {
    Walk walk{args, std::chrono::steady_clock::now() + kWalkTimeLimit, 0, true, {}};
    for (const std::string& root : args.walk) {
        struct stat info {};
        if (lstat(root.c_str(), &info) == 0) {
            walk.check(root, info);
            if (S_ISDIR(info.st_mode)) {
                walk.visit(root);
            }
        }
    }
    std::string found = "[";
    for (std::size_t i = 0; i < walk.found.size(); ++i) {
        found += (i ? ", " : "") + quote(walk.found[i]);
    }
    return "  \"family_files\": {\"found\": " + found +
           "], \"entries\": " + std::to_string(walk.entries) +
           ", \"complete\": " + (walk.complete ? "true" : "false") + "},\n";
}

std::string processJson() {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    char cwd[4096] = {};
    const std::string where = getcwd(cwd, sizeof cwd) ? cwd : "";
    const mode_t mask = umask(0);
    umask(mask);
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(mask));
    std::string names = "[";
    for (char** entry = environ; *entry; ++entry) {
        const std::string variable = *entry;
        names += (entry == environ ? "" : ", ") + quote(variable.substr(0, variable.find('=')));
    }
    // /proc/self/stat field 7 is tty_nr; the command name (field 2) may hold spaces.
    const std::string stat = readFile("/proc/self/stat");
    std::istringstream fields(stat.substr(stat.rfind(')') + 1));
    std::string state, ppid, pgrp, session, tty;
    fields >> state >> ppid >> pgrp >> session >> tty;
    std::string cgroup = readFile("/proc/self/cgroup");
    while (!cgroup.empty() && cgroup.back() == '\n') {
        cgroup.pop_back();
    }
    return "  \"hostname\": " + quote(host) + ",\n  \"cwd\": " + quote(where) +
           ",\n  \"umask\": " + quote(octal) + ",\n  \"environment\": " + names +
           "],\n  \"pid\": " + std::to_string(getpid()) +
           ",\n  \"session\": " + std::to_string(getsid(0)) +
           ",\n  \"tty\": " + (tty.empty() ? "0" : tty) + ",\n  \"cgroup\": " + quote(cgroup) +
           "\n";
}

} // namespace

int main(int argc, char** argv) {
    Args args;
    if (!parseArgs(argc, argv, args)) {
        std::fputs("usage: redpak-probe [--launcher-ns NAME=INODE]... [--family DEV:INODE]... "
                   "[--walk DIR]...\n",
                   stderr);
        return 2;
    }
    const std::string status = readFile("/proc/self/status");
    // The walk and the TIOCSTI child change nothing the other fields report.
    const std::string process = processJson();
    const std::string text =
        "{\n  \"probe\": 1,\n" + identityJson(status) + "  \"tiocsti\": " + quote(tiocstiResult()) +
        ",\n" + namespacesJson(args) + mountsJson() + familyJson(args) + process + "}\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

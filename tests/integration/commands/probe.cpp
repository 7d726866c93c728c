// SPDX-License-Identifier: Apache-2.0
// Run by tst_commands as a configuration command: writes to the file argv[1] what the command
// can reach (identity, terminal, descriptors, environment, privileges), one key=value a line,
// and prints "probed". Every attempt on the terminal is harmless for the test's own pty.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>

extern char** environ;

namespace {

std::string fileText(const char* path) {
    std::string text;
    if (FILE* file = std::fopen(path, "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) {
            text.append(buffer, n);
        }
        std::fclose(file);
    }
    return text;
}

// Field `index` (1-based, as proc(5) counts) of /proc/self/stat.
std::string statField(int index) {
    const std::string stat = fileText("/proc/self/stat");
    std::size_t at = stat.rfind(')');
    for (int field = 3; field <= index && at != std::string::npos; ++field) {
        at = stat.find(' ', at + 1);
    }
    return at == std::string::npos ? "?" : stat.substr(at + 1, stat.find(' ', at + 1) - at - 1);
}

std::string statusLine(const char* key) {
    const std::string status = fileText("/proc/self/status");
    const std::size_t at = status.find(std::string("\n") + key + ":");
    if (at == std::string::npos) {
        return "?";
    }
    const std::size_t value = status.find_first_not_of(" \t", at + std::strlen(key) + 2);
    return status.substr(value, status.find('\n', value) - value);
}

std::string injectInto(int fd) {
    const char c = '#';
    return ioctl(fd, TIOCSTI, &c) == 0 ? "ok" : std::strerror(errno);
}

std::string openDescriptors() {
    std::string list;
    DIR* dir = opendir("/proc/self/fd");
    if (!dir) {
        return "?";
    }
    const int own = dirfd(dir);
    while (const dirent* entry = readdir(dir)) {
        if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != own) {
            list += (list.empty() ? "" : ",") + std::string(entry->d_name);
        }
    }
    closedir(dir);
    return list;
}

std::string inheritedFd5() {
    char buffer[256] = {};
    const ssize_t n = read(5, buffer, sizeof buffer - 1);
    return n >= 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::strerror(errno);
}

std::string environment() {
    std::string all;
    for (char** entry = environ; *entry; ++entry) {
        if (std::strncmp(*entry, "PWD=", 4) != 0) { // the shell's own
            all += (all.empty() ? "" : ";") + std::string(*entry);
        }
    }
    return all;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        return 2;
    }
    std::string report;
    const auto add = [&](const char* key, const std::string& value) {
        report += std::string(key) + "=" + value + "\n";
    };
    add("uid", std::to_string(getuid()));
    add("gid", std::to_string(getgid()));
    add("ctty", statField(7));
    const int tty = open("/dev/tty", O_RDWR);
    add("devtty", tty >= 0 ? "open" : std::strerror(errno));
    add("tiocsti_devtty", tty >= 0 ? injectInto(tty) : "not open");
    if (tty >= 0) {
        close(tty);
    }
    for (const int fd : {0, 1, 2}) {
        add(("tiocsti_" + std::to_string(fd)).c_str(), injectInto(fd));
    }
    add("fds", openDescriptors());
    add("fd5", inheritedFd5());
    add("env", environment());
    add("nnp", statusLine("NoNewPrivs"));
    add("capbnd", statusLine("CapBnd"));
    add("capeff", statusLine("CapEff"));
    FILE* out = std::fopen(argv[1], "w");
    if (!out || std::fputs(report.c_str(), out) < 0 || std::fclose(out) != 0) {
        return 1;
    }
    std::puts("probed");
    return 0;
}

// SPDX-License-Identifier: Apache-2.0
// Tag and command expansion (spec: rednode-format.md §3).
#include "redpak/merge/expand.h"

#include "merge/unknown_tags.h"
#include "redpak/base/diagnostic.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pwd.h>
#include <sys/random.h>
#include <unistd.h>

namespace redpak {
namespace {

[[noreturn]] void fail(const TextOrigin& origin, std::string message) {
    throw InputError(
        Diagnostic{origin.file, origin.pos.line, origin.pos.column, std::move(message)});
}

[[noreturn]] void refuseCommand(const std::string& command, const TextOrigin& origin) {
    throw CommandRefusedError(Diagnostic{
        origin.file, origin.pos.line, origin.pos.column,
        "command `" + command + "` refused: configuration commands are not run in this context"});
}

bool isTagChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return out;
}

std::string loginName() {
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name) {
        return pw->pw_name;
    }
    if (const char* env = std::getenv("LOGNAME")) {
        return env;
    }
    return std::to_string(getuid());
}

std::string hostName() {
    std::array<char, 256> buffer{};
    if (gethostname(buffer.data(), buffer.size() - 1) != 0) {
        return {};
    }
    return buffer.data();
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::array<char, 32> buffer{};
    const std::size_t n = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%d", &local);
    return std::string(buffer.data(), n);
}

// Tags valued by each launch (expand.h, LaunchValues); `key` is upper case.
bool isLaunchTag(std::string_view key) {
    return key == "UUID" || key == "PID" || key == "TODAY";
}

// rednode-format.md §3, upper case; any other tag is looked up in the environment.
constexpr std::string_view kPredefinedTags[] = {"NODE_ALIAS",
                                                "NODE_NAME",
                                                "NODE_PATH",
                                                "NODE_INFO",
                                                "LEAF_ALIAS",
                                                "LEAF_NAME",
                                                "LEAF_PATH",
                                                "LEAF_INFO",
                                                "PID",
                                                "UID",
                                                "GID",
                                                "TODAY",
                                                "UUID",
                                                "LOGNAME",
                                                "HOSTNAME",
                                                "CGROUPS_MOUNT_POINT",
                                                "REDPESK_VERSION",
                                                "NODE_PREFIX",
                                                "REDPAK_MAIN",
                                                "REDPAK_MAIN_ADMIN",
                                                "REDPAK_TMPL",
                                                "REDNODE_CONF",
                                                "REDNODE_ADMIN",
                                                "REDNODE_STATUS",
                                                "REDNODE_VARDIR",
                                                "REDNODE_REPODIR",
                                                "REDNODE_LOCK"};

// Levenshtein distance, for the suggestion of unknownTagMessage().
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

bool isPredefinedTag(std::string_view key) {
    return std::find(std::begin(kPredefinedTags), std::end(kPredefinedTags), key) !=
           std::end(kPredefinedTags);
}

// A random (version 4) UUID; a fresh one for every use of the tag.
std::string freshUuid() {
    std::array<unsigned char, 16> bytes{};
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            throw std::runtime_error("getrandom failed");
        }
        got += static_cast<std::size_t>(n);
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out.push_back('-');
        }
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 0x0f]);
    }
    return out;
}

// VERSION_ID of the host (/etc/os-release), or "unknown".
std::string osVersion() {
    const int fd = open("/etc/os-release", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return "unknown";
    }
    std::string content(8192, '\0');
    const ssize_t n = read(fd, content.data(), content.size());
    close(fd);
    content.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    const std::string key = "VERSION_ID=";
    std::size_t at = content.rfind("\n" + key);
    at = content.compare(0, key.size(), key) == 0 ? 0 : (at == std::string::npos ? at : at + 1);
    if (at == std::string::npos) {
        return "unknown";
    }
    std::string value = content.substr(at + key.size(), content.find('\n', at) - at - key.size());
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
    }
    return value;
}

} // namespace

std::string stripOneTrailingNewline(std::string text) {
    if (!text.empty() && text.back() == '\n') {
        text.pop_back();
    }
    return text;
}

std::string CommandPolicy::evaluate(const std::string& command, const TextOrigin& origin) const {
    switch (m_kind) {
    case Kind::Allow:
        return stripOneTrailingNewline(m_runner->run(command, origin));
    case Kind::Refuse:
        refuseCommand(command, origin);
    case Kind::Keep:
        break;
    }
    return "$(" + command + ")";
}

std::string CommandPolicy::fileContent(const std::string& command, const TextOrigin& origin) const {
    if (m_kind != Kind::Allow) {
        refuseCommand(command, origin);
    }
    return m_runner->run(command, origin);
}

bool isEnvironmentTag(std::string_view name) {
    const std::string key = upper(name);
    return key == "NODE_PREFIX" || !isPredefinedTag(key);
}

std::vector<std::string> environmentTagsIn(std::string_view text) {
    std::vector<std::string> tags;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '$') {
            ++i; // `\$` is a literal dollar
            continue;
        }
        if (text[i] != '$') {
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size() && isTagChar(text[j])) {
            ++j;
        }
        const std::string name(text.substr(i + 1, j - i - 1));
        if (!name.empty() && isEnvironmentTag(name) &&
            std::find(tags.begin(), tags.end(), name) == tags.end()) {
            tags.push_back(name);
        }
        i = j - 1;
    }
    return tags;
}

std::vector<std::string> unknownTagsIn(std::string_view text,
                                       const EnvironmentLookup& environment) {
    std::vector<std::string> tags;
    std::size_t depth = 0; // inside `$(...)`: the shell's variables, not tags
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '$') {
            ++i; // `\$` is a literal dollar
            continue;
        }
        if (depth > 0) {
            if (text[i] == '(') {
                ++depth;
            } else if (text[i] == ')') {
                --depth;
            }
            continue;
        }
        if (text[i] != '$') {
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '(') {
            depth = 1;
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size() && isTagChar(text[j])) {
            ++j;
        }
        const std::string name(text.substr(i + 1, j - i - 1));
        if (!name.empty() && upper(name) != "NODE_PREFIX" && isEnvironmentTag(name) &&
            !(environment && environment(name)) &&
            std::find(tags.begin(), tags.end(), name) == tags.end()) {
            tags.push_back(name);
        }
        i = j - 1;
    }
    return tags;
}

std::string unknownTagMessage(const std::string& tag, const std::string& item) {
    std::string message = "unknown tag $" + tag + " in " + item +
                          " expands to an empty string: it is neither a predefined tag nor set "
                          "in the environment";
    // A predefined tag with a letter or two more, less or changed is most likely what was meant.
    const std::string key = upper(tag);
    for (const std::string_view name : kPredefinedTags) {
        if (editDistance(key, name) <= 2) {
            return message + " (did you mean $" + std::string(name) + "?)";
        }
    }
    return message;
}

std::optional<std::string> unknownTagOf(const Diagnostic& warning) {
    constexpr std::string_view prefix = "unknown tag $";
    if (!warning.message.starts_with(prefix)) {
        return std::nullopt;
    }
    const std::size_t end = warning.message.find(' ', prefix.size());
    return warning.message.substr(prefix.size(), end - prefix.size());
}

namespace {

// Tags about the node defining the value and the leaf being launched.
std::optional<std::string> nodeTagValue(const std::string& key, const NodeTags& defining,
                                        const NodeTags& leaf) {
    static const std::pair<std::string_view, std::string NodeTags::*> kNodeFields[] = {
        {"ALIAS", &NodeTags::alias},
        {"NAME", &NodeTags::name},
        {"PATH", &NodeTags::path},
        {"INFO", &NodeTags::info}};
    for (const auto& [suffix, field] : kNodeFields) {
        if (key == "NODE_" + std::string(suffix)) {
            return defining.*field;
        }
        if (key == "LEAF_" + std::string(suffix)) {
            return leaf.*field;
        }
    }
    // File tags name the files of the defining node.
    static const std::pair<std::string_view, std::string_view> kNodeFiles[] = {
        {"REDNODE_CONF", "/etc/redpak.yaml"},    {"REDNODE_ADMIN", "/etc/redpak-admin.yaml"},
        {"REDNODE_STATUS", "/.rednode.yaml"},    {"REDNODE_VARDIR", "/var"},
        {"REDNODE_REPODIR", "/etc/yum.repos.d"}, {"REDNODE_LOCK", "/.rednode.lock"}};
    for (const auto& [tag, file] : kNodeFiles) {
        if (key == tag) {
            return defining.path + std::string(file);
        }
    }
    return std::nullopt;
}

// Tags about the launching process, the host and the installation.
std::optional<std::string> systemTagValue(const std::string& key) {
    if (key == "PID")
        return std::to_string(getpid());
    if (key == "UID")
        return std::to_string(getuid());
    if (key == "GID")
        return std::to_string(getgid());
    if (key == "TODAY")
        return today();
    if (key == "UUID")
        return freshUuid();
    if (key == "LOGNAME")
        return loginName();
    if (key == "HOSTNAME")
        return hostName();
    if (key == "CGROUPS_MOUNT_POINT")
        return "/sys/fs/cgroup";
    if (key == "REDPESK_VERSION")
        return osVersion();
    if (key == "REDPAK_MAIN")
        return "/etc/redpak/main.yaml";
    if (key == "REDPAK_MAIN_ADMIN")
        return "/etc/redpak/main-admin.yaml";
    if (key == "REDPAK_TMPL")
        return "/etc/redpak/templates.d";
    return std::nullopt;
}

} // namespace

EnvironmentLookup processEnvironment() {
    return [](const std::string& name) -> std::optional<std::string> {
        if (const char* value = std::getenv(name.c_str())) {
            return std::string(value);
        }
        return std::nullopt;
    };
}

Expander::Expander(const CommandPolicy& commands, EnvironmentLookup environment,
                   LaunchValues launchValues)
    : m_commands(commands), m_environment(environment), m_launchEnvironment(std::move(environment)),
      m_launchValues(launchValues) {
    if (launchValues == LaunchValues::Symbolic) {
        m_environment = [](const std::string& name) { return std::optional("$" + name); };
    }
}

std::string Expander::tagValue(std::string_view name, const NodeTags& defining,
                               const NodeTags& leaf) const {
    const std::string key = upper(name);
    if (m_launchValues == LaunchValues::Symbolic && isLaunchTag(key)) {
        return "$" + key;
    }
    if (m_launchValues == LaunchValues::Symbolic && isEnvironmentTag(name)) {
        return "$" + (isPredefinedTag(key) ? key : std::string(name));
    }
    if (key == "NODE_PREFIX") {
        return m_environment("NODE_PREFIX").value_or("");
    }
    if (std::optional<std::string> value = nodeTagValue(key, defining, leaf)) {
        return *value;
    }
    if (std::optional<std::string> value = systemTagValue(key)) {
        return *value;
    }
    return m_environment(std::string(name)).value_or("");
}

std::string Expander::expand(std::string_view text, const NodeTags& defining, const NodeTags& leaf,
                             const TextOrigin& origin) const {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == '$') {
            out.push_back('$');
            i += 2;
            continue;
        }
        if (c != '$' || i + 1 >= text.size()) {
            out.push_back(c);
            ++i;
            continue;
        }
        if (text[i + 1] == '(') {
            // Balanced parentheses: `$(echo $(date))` is one command for the shell.
            std::size_t depth = 1;
            std::size_t j = i + 2;
            for (; j < text.size() && depth > 0; ++j) {
                if (text[j] == '(') {
                    ++depth;
                } else if (text[j] == ')') {
                    --depth;
                }
            }
            if (depth != 0) {
                fail(origin, "unterminated command `$(` in \"" + std::string(text) +
                                 "\" (expected a closing ')')");
            }
            out += m_commands.evaluate(std::string(text.substr(i + 2, j - i - 3)), origin);
            i = j;
            continue;
        }
        std::size_t j = i + 1;
        while (j < text.size() && isTagChar(text[j])) {
            ++j;
        }
        if (j == i + 1) {
            out.push_back('$');
            ++i;
            continue;
        }
        out += tagValue(text.substr(i + 1, j - i - 1), defining, leaf);
        i = j;
    }
    return out;
}

} // namespace redpak

// SPDX-License-Identifier: Apache-2.0
#include "redpak/tree/create.h"

#include "base/text_util.h"
#include "config/config_tree.h"
#include "config/yaml/yaml_tree.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/safe_file.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <pwd.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace redpak {

namespace {

constexpr mode_t kFileMode = 0644;
constexpr mode_t kDirectoryMode = 0755;

[[noreturn]] void fail(const fs::path& where, std::string message) {
    throw InputError(Diagnostic{where.string(), 0, 0, std::move(message)});
}

bool pathExists(const fs::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0;
}

// One config to write: its final text (headers replaced) and the model it reads back as.
struct PlannedConfig {
    std::string text; // final text, headers replaced
    Config config;
};

std::vector<std::string> splitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
        lines.emplace_back(text.substr(start, stop - start));
        start = stop;
    }
    return lines;
}

bool isBlankOrComment(const std::string& line) {
    const std::size_t first = line.find_first_not_of(" \t\r\n");
    return first == std::string::npos || line[first] == '#';
}

// Rewrites the lines of the top-level `headers` entry; nullopt when the layout does not allow
// a line-based edit (flow-style document, indented top level, no headers).
std::optional<std::string> spliceHeaders(std::string_view text, const detail::YamlNode& root,
                                         const Headers& headers) {
    if (root.kind != detail::YamlNode::Kind::Map || root.flowStyle) {
        return std::nullopt;
    }
    const std::vector<std::string> lines = splitLines(text);
    std::size_t headersIndex = root.entries.size();
    for (std::size_t i = 0; i < root.entries.size(); ++i) {
        if (root.entries[i].keyPos.column != 1) {
            return std::nullopt;
        }
        if (detail::equalsIgnoreCase(root.entries[i].key, "headers")) {
            headersIndex = i;
        }
    }
    if (headersIndex == root.entries.size()) {
        return std::nullopt;
    }
    const auto first = static_cast<std::size_t>(root.entries[headersIndex].keyPos.line - 1);
    std::size_t end = headersIndex + 1 < root.entries.size()
                          ? static_cast<std::size_t>(root.entries[headersIndex + 1].keyPos.line - 1)
                          : lines.size();
    // Comments and blank lines just before the next section belong to that section.
    while (end > first + 1 && isBlankOrComment(lines[end - 1])) {
        --end;
    }
    std::string out;
    for (std::size_t i = 0; i < first; ++i) {
        out += lines[i];
    }
    if (!out.empty() && out.back() != '\n') {
        out += '\n';
    }
    out += writeHeaders(headers);
    for (std::size_t i = end; i < lines.size(); ++i) {
        out += lines[i];
    }
    return out;
}

// replaceHeaders on a text already parsed into `root` / `config`.
std::string replaceParsedHeaders(std::string_view text, const std::string& fileName,
                                 const detail::YamlNode& root, Config expected,
                                 const Headers& headers) {
    expected.headers = headers;
    if (auto spliced = spliceHeaders(text, root, headers)) {
        // Only trust the line-based edit when it reads back as exactly the intended config.
        const ValidationResult check = validateConfigText(*spliced, fileName);
        if (check.ok() && *check.config == expected) {
            return *spliced;
        }
    }
    return writeConfig(expected);
}

std::string currentUser() {
    const uid_t uid = ::getuid();
    std::vector<char> buffer(4096);
    struct passwd entry {};
    struct passwd* result = nullptr;
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &result) == 0 &&
        result != nullptr) {
        return result->pw_name;
    }
    return "uid " + std::to_string(uid);
}

// Creates the missing directories of `dir` (mkdir -p), remembering them for a rollback.
void makeDirectories(const fs::path& dir, std::vector<fs::path>& created) {
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !pathExists(p); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) {
            break;
        }
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (::mkdir(it->c_str(), kDirectoryMode) != 0) {
            fail(*it, std::string("cannot create directory: ") + std::strerror(errno));
        }
        created.push_back(*it);
    }
}

class NodeCreator {
public:
    explicit NodeCreator(const CreateOptions& options) : m_options(options) {}

    CreatedNode run() {
        const fs::path dir = fs::absolute(m_options.dir).lexically_normal();
        const fs::path base = dir.has_filename() ? dir : dir.parent_path();
        checkTarget(base);
        const std::optional<Config> existing =
            m_options.update ? existingConfig(base) : std::nullopt;
        const std::string alias = chooseAlias(base, existing);
        Headers headers;
        headers.alias.value = alias;
        headers.name = Setting<std::string>{
            existing && existing->headers.name ? existing->headers.name->value : newUuid(), {}};

        PlannedConfig normal;
        std::optional<PlannedConfig> admin;
        const bool useTemplateOnly = !m_options.normalConfig && !m_options.adminConfig;
        std::optional<Template> tmpl;
        if (!m_options.normalConfig || useTemplateOnly) {
            tmpl = findTemplate(m_options.templateName);
            if (!tmpl) {
                std::string names;
                for (const std::string& name : templateNames()) {
                    names += names.empty() ? name : ", " + name;
                }
                fail(m_options.templateName, "unknown template; expected one of: " + names);
            }
        }
        if (m_options.normalConfig) {
            normal = planFromFile(*m_options.normalConfig, headers);
        } else {
            normal = plan(tmpl->normal, "template " + tmpl->name, headers, false);
        }
        if (m_options.adminConfig) {
            admin = planFromFile(*m_options.adminConfig, headers);
        } else if (useTemplateOnly) {
            admin = plan(tmpl->admin, "template " + tmpl->name + " (admin)", headers, false);
        }
        return write(base, normal, admin);
    }

private:
    void checkTarget(const fs::path& base) const {
        struct stat info {};
        const bool exists = ::lstat(base.c_str(), &info) == 0;
        if (exists && !S_ISDIR(info.st_mode)) {
            fail(base, "exists and is not a directory");
        }
        const bool isNode = exists && pathExists(base / kStatusFileName);
        if (m_options.update) {
            if (!isNode) {
                fail(base, "not a rednode (no " + std::string(kStatusFileName) +
                               "); --update rewrites the configs of an existing node");
            }
            return;
        }
        if (isNode) {
            fail(base, "is already a rednode; use --update to rewrite its configs");
        }
        for (std::string_view name : {kNormalConfigName, kAdminConfigName, kLegacyNormalConfigName,
                                      kLegacyAdminConfigName}) {
            if (exists && pathExists(base / name)) {
                fail(base / name, "already exists; refusing to overwrite it");
            }
        }
    }

    // The current normal config of the node being updated, for its alias and name. A broken
    // config must not prevent repairing it: with --alias given, it is simply not used.
    std::optional<Config> existingConfig(const fs::path& base) const {
        const auto location = locateNode(base);
        if (!location || !pathExists(location->normalConfig)) {
            return std::nullopt;
        }
        try {
            return loadConfigFile(location->normalConfig);
        } catch (const InputError&) {
            if (m_options.alias) {
                return std::nullopt;
            }
            throw;
        }
    }

    std::string chooseAlias(const fs::path& base, const std::optional<Config>& existing) const {
        std::string alias = m_options.alias ? *m_options.alias
                            : existing      ? existing->headers.alias.value
                                            : base.filename().string();
        if (!isValidAlias(alias)) {
            fail(base, "invalid alias '" + alias +
                           "': expected 1 to 255 letters, digits or + - _ @ : (use --alias)");
        }
        return alias;
    }

    PlannedConfig planFromFile(const fs::path& file, const Headers& headers) const {
        return plan(readLimitedFile(file), file.string(), headers, true);
    }

    // Validates `text`, then replaces its headers. A given file keeps its own `info`.
    static PlannedConfig plan(std::string_view text, const std::string& sourceName, Headers headers,
                              bool keepInfo) {
        const detail::YamlNode root = detail::parseYaml(text, sourceName);
        const Config given = detail::configFromTree(root, sourceName, nullptr);
        if (keepInfo && given.headers.info) {
            headers.info = Setting<std::string>{given.headers.info->value, {}};
        } else {
            headers.info = Setting<std::string>{creationInfo(), {}};
        }
        PlannedConfig planned;
        planned.config = given;
        planned.config.headers = headers;
        planned.text = replaceParsedHeaders(text, sourceName, root, given, headers);
        return planned;
    }

    CreatedNode write(const fs::path& base, const PlannedConfig& normal,
                      const std::optional<PlannedConfig>& admin) const {
        std::vector<fs::path> createdDirs;
        std::vector<fs::path> writtenFiles;
        try {
            makeDirectories(base, createdDirs);
            makeDirectories(base / "etc", createdDirs);
            writeNew(base / kNormalConfigName, normal.text, writtenFiles);
            if (admin) {
                writeNew(base / kAdminConfigName, admin->text, writtenFiles);
            }
            CreatedNode created;
            if (m_options.update) {
                created.status = readStatus(base / kStatusFileName);
            } else {
                created.status.state = NodeState::Enable;
                created.status.realpath = fs::canonical(base).string();
                created.status.timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count();
                created.status.info = creationInfo();
                writeNew(base / kStatusFileName, writeStatus(created.status), writtenFiles);
            }
            created.location = *locateNode(base);
            created.normal = normal.config;
            if (admin) {
                created.admin = admin->config;
            }
            return created;
        } catch (...) {
            // Leave nothing half-made: a new node disappears again. With --update, the
            // configs already replaced stay replaced (each one atomically, all valid).
            if (!m_options.update) {
                for (const fs::path& file : writtenFiles) {
                    ::unlink(file.c_str());
                }
            }
            for (auto it = createdDirs.rbegin(); it != createdDirs.rend(); ++it) {
                ::rmdir(it->c_str());
            }
            throw;
        }
    }

    static void writeNew(const fs::path& file, std::string_view text,
                         std::vector<fs::path>& written) {
        writeFileAtomically(file, text, kFileMode);
        written.push_back(file);
    }

    const CreateOptions& m_options;
};

} // namespace

std::string replaceHeaders(std::string_view text, const std::string& fileName,
                           const Headers& headers) {
    const detail::YamlNode root = detail::parseYaml(text, fileName);
    return replaceParsedHeaders(text, fileName, root,
                                detail::configFromTree(root, fileName, nullptr), headers);
}

std::string newUuid() {
    unsigned char bytes[16];
    std::size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t count = ::getrandom(bytes + got, sizeof bytes - got, 0);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw InputError(Diagnostic{
                {}, 0, 0, "no random numbers for a UUID: " + std::string(std::strerror(errno))});
        }
        got += static_cast<std::size_t>(count);
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0Fu) | 0x40u); // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3Fu) | 0x80u); // RFC 4122 variant
    char text[37];
    std::snprintf(text, sizeof text,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", bytes[0],
                  bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                  bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return text;
}

std::string creationInfo() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return "created by " + currentUser() + " the " + date;
}

CreatedNode createNode(const CreateOptions& options) {
    return NodeCreator(options).run();
}

} // namespace redpak

// SPDX-License-Identifier: Apache-2.0
#include "helperconfig.h"

#include "helpererror.h"
#include "redpak/base/fd_io.h"
#include "redpak/base/trust.h"
#include "redpak/config/config.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace redpak::helper {
namespace {

constexpr std::size_t kMaxConfigFileBytes = 64 * 1024;

std::vector<std::string> splitWords(const std::string& line) {
    std::istringstream stream(line);
    std::vector<std::string> words;
    for (std::string word; stream >> word;) {
        words.push_back(word);
    }
    return words;
}

// Absolute and lexically normal: no ".", "..", "//" nor trailing '/', so that what the file
// says is exactly the directory opened.
bool isCleanAbsolutePath(const std::string& text) {
    const std::filesystem::path path(text);
    return path.is_absolute() && path.lexically_normal() == path && text.back() != '/' &&
           text.size() < 4096;
}

} // namespace

// (uid_t)-1 means "unchanged" to setresuid: never an identity.
std::optional<std::uint32_t> parseNumericId(const std::string& text) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || text.front() == '+' || error != std::errc() ||
        end != text.data() + text.size() || value >= 0xffffffffULL) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(value);
}

namespace {

// "FIRST-LAST", both valid ids, 0 excluded (root), FIRST <= LAST.
std::optional<IdRange> parseIdRange(const std::string& text) {
    const std::size_t dash = text.find('-');
    if (dash == std::string::npos) {
        return std::nullopt;
    }
    const auto first = parseNumericId(text.substr(0, dash));
    const auto last = parseNumericId(text.substr(dash + 1));
    if (!first || !last || *first == 0 || *first > *last) {
        return std::nullopt;
    }
    return IdRange{*first, *last};
}

// The content of a root-owned file unwritable by group and others; nullopt when absent.
std::optional<std::string> readRootOwnedFile(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throwSystemError("cannot open " + file.string(), errno);
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        throwSystemError("cannot stat " + file.string(), errno);
    }
    if (!S_ISREG(info.st_mode) || !isTrustedRootObject(fileIdentityOf(info))) {
        throw HelperError(ErrorKind::InvalidArgument,
                          file.string() + ": must be a regular file owned by root, not writable by "
                                          "group or others");
    }
    std::string text;
    if (!readUpTo(fd, text, kMaxConfigFileBytes)) {
        throwSystemError("cannot read " + file.string(), errno);
    }
    if (text.size() > kMaxConfigFileBytes) {
        throw HelperError(ErrorKind::InvalidArgument, file.string() + ": larger than 64 KiB");
    }
    return text;
}

// People's accounts are never node identities: a node range may not include one.
void checkOutsideLoginAccounts(const HelperConfig& config, const std::string& fileName,
                               const std::string& loginDefs) {
    const auto check = [&](const std::optional<IdRange>& range, const IdRange& accounts,
                           const char* directive, const char* keys) {
        if (range && range->overlaps(accounts)) {
            throw HelperError(ErrorKind::InvalidArgument,
                              fileName + ": " + directive + " " + range->text() +
                                  " overlaps the login accounts " + accounts.text() + " (" + keys +
                                  " of " + loginDefs + ")");
        }
    };
    check(config.nodeUids, config.loginAccounts.uids, "node-uids", "UID_MIN-UID_MAX");
    check(config.nodeGids, config.loginAccounts.gids, "node-gids", "GID_MIN-GID_MAX");
}

} // namespace

LoginAccountRanges LoginAccountRanges::load(const std::filesystem::path& file) {
    LoginAccountRanges ranges;
    const std::optional<std::string> text = readRootOwnedFile(file);
    if (!text) {
        return ranges;
    }
    std::istringstream lines(*text);
    int lineNumber = 0;
    for (std::string line; std::getline(lines, line);) {
        ++lineNumber;
        const std::vector<std::string> words = splitWords(line);
        if (words.size() < 2 || words.front().front() == '#') {
            continue;
        }
        std::uint32_t* target = words[0] == "UID_MIN"   ? &ranges.uids.first
                                : words[0] == "UID_MAX" ? &ranges.uids.last
                                : words[0] == "GID_MIN" ? &ranges.gids.first
                                : words[0] == "GID_MAX" ? &ranges.gids.last
                                                        : nullptr;
        if (target == nullptr) {
            continue;
        }
        const std::optional<std::uint32_t> value = parseNumericId(words[1]);
        if (!value) {
            throw HelperError(ErrorKind::InvalidArgument, file.string() + ":" +
                                                              std::to_string(lineNumber) + ": " +
                                                              words[0] + " must be a decimal id");
        }
        *target = *value;
    }
    return ranges;
}

const NodeRoot* HelperConfig::findRoot(std::string_view label) const {
    const auto found = std::find_if(roots.begin(), roots.end(),
                                    [&](const NodeRoot& root) { return root.label == label; });
    return found == roots.end() ? nullptr : &*found;
}

namespace {

// Throws the error of the line being read: "FILE:LINE: why".
struct LineFailure {
    const std::string& fileName;
    int lineNumber = 0;

    [[noreturn]] void operator()(const std::string& why) const {
        throw HelperError(ErrorKind::InvalidArgument,
                          fileName + ":" + std::to_string(lineNumber) + ": " + why);
    }
};

using Words = std::vector<std::string>;

void parseRootDirective(HelperConfig& config, const Words& words, const LineFailure& fail) {
    if (words.size() != 3) {
        fail("expected \"root LABEL /absolute/path\"");
    }
    if (!isValidAlias(words[1])) {
        fail("root label must have the alias syntax (letters, digits, +-_@:)");
    }
    if (config.findRoot(words[1]) != nullptr) {
        fail("root label \"" + words[1] + "\" listed twice");
    }
    if (!isCleanAbsolutePath(words[2])) {
        fail("root path must be absolute and normalised");
    }
    config.roots.push_back({words[1], words[2]});
}

void parseIdleTimeout(HelperConfig& config, const Words& words, const LineFailure& fail) {
    long long seconds = 0;
    const std::string& value = words.size() == 2 ? words[1] : words.front();
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (words.size() != 2 || error != std::errc() || end != value.data() + value.size() ||
        seconds < 1 || seconds > 86400) {
        fail("expected \"idle-timeout SECONDS\" (1 to 86400)");
    }
    config.idleTimeout = std::chrono::seconds(seconds);
}

// node-uids and node-gids: one range each, given once.
void parseNodeIds(HelperConfig& config, const Words& words, const LineFailure& fail) {
    const std::string& directive = words.front();
    std::optional<IdRange>& target = directive == "node-uids" ? config.nodeUids : config.nodeGids;
    const std::optional<IdRange> range = words.size() == 2 ? parseIdRange(words[1]) : std::nullopt;
    if (!range) {
        fail("expected \"" + directive + " FIRST-LAST\" (ids from 1 to 4294967294)");
    }
    if (target) {
        fail(directive + " given twice");
    }
    target = range;
}

void parseDirective(HelperConfig& config, const Words& words, const LineFailure& fail) {
    const std::string& directive = words.front();
    if (directive == "root") {
        parseRootDirective(config, words, fail);
    } else if (directive == "state-dir") {
        if (words.size() != 2 || !isCleanAbsolutePath(words[1])) {
            fail("expected \"state-dir /absolute/path\"");
        }
        config.stateDir = words[1];
    } else if (directive == "idle-timeout") {
        parseIdleTimeout(config, words, fail);
    } else if (directive == "node-uids" || directive == "node-gids") {
        parseNodeIds(config, words, fail);
    } else if (directive == "node-group") {
        if (words.size() != 2 || parseNumericId(words[1]) || words[1] == "root") {
            fail("expected \"node-group NAME\" (a group name other than root)");
        }
        config.nodeGroups.push_back(words[1]);
    } else {
        fail("unknown directive \"" + directive +
             "\" (expected root, state-dir, idle-timeout, node-uids, node-gids, node-group)");
    }
}

} // namespace

HelperConfig HelperConfig::parse(std::string_view text, const std::string& fileName) {
    HelperConfig config;
    config.roots.clear();
    std::istringstream lines{std::string(text)};
    LineFailure fail{fileName};
    for (std::string line; std::getline(lines, line);) {
        ++fail.lineNumber;
        if (const auto hash = line.find('#'); hash != std::string::npos) {
            line.erase(hash);
        }
        const Words words = splitWords(line);
        if (!words.empty()) {
            parseDirective(config, words, fail);
        }
    }
    if (config.roots.empty()) {
        throw HelperError(ErrorKind::InvalidArgument, fileName + ": no \"root\" directive");
    }
    return config;
}

HelperConfig HelperConfig::load(const std::filesystem::path& file,
                                const std::filesystem::path& loginDefs) {
    const std::optional<std::string> text = readRootOwnedFile(file);
    HelperConfig config = text ? parse(*text, file.string()) : HelperConfig{};
    config.loginAccounts = LoginAccountRanges::load(loginDefs);
    checkOutsideLoginAccounts(config, file.string(), loginDefs.string());
    return config;
}

} // namespace redpak::helper

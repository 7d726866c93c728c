// SPDX-License-Identifier: Apache-2.0
#include "helperconfig.h"

#include "helpererror.h"
#include "redpak/config.h"
#include "redpak/trust.h"

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

const NodeRoot* HelperConfig::findRoot(std::string_view label) const {
    const auto found = std::find_if(roots.begin(), roots.end(),
                                    [&](const NodeRoot& root) { return root.label == label; });
    return found == roots.end() ? nullptr : &*found;
}

HelperConfig HelperConfig::parse(std::string_view text, const std::string& fileName) {
    HelperConfig config;
    config.roots.clear();
    std::istringstream lines{std::string(text)};
    int lineNumber = 0;
    for (std::string line; std::getline(lines, line);) {
        ++lineNumber;
        auto fail = [&](const std::string& why) {
            throw HelperError(ErrorKind::InvalidArgument,
                              fileName + ":" + std::to_string(lineNumber) + ": " + why);
        };
        if (const auto hash = line.find('#'); hash != std::string::npos) {
            line.erase(hash);
        }
        const std::vector<std::string> words = splitWords(line);
        if (words.empty()) {
            continue;
        }
        const std::string& directive = words.front();
        if (directive == "root") {
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
        } else if (directive == "state-dir") {
            if (words.size() != 2 || !isCleanAbsolutePath(words[1])) {
                fail("expected \"state-dir /absolute/path\"");
            }
            config.stateDir = words[1];
        } else if (directive == "idle-timeout") {
            long long seconds = 0;
            const std::string& value = words.size() == 2 ? words[1] : directive;
            const auto [end, error] =
                std::from_chars(value.data(), value.data() + value.size(), seconds);
            if (words.size() != 2 || error != std::errc() || end != value.data() + value.size() ||
                seconds < 1 || seconds > 86400) {
                fail("expected \"idle-timeout SECONDS\" (1 to 86400)");
            }
            config.idleTimeout = std::chrono::seconds(seconds);
        } else {
            fail("unknown directive \"" + directive +
                 "\" (expected root, state-dir, idle-timeout)");
        }
    }
    if (config.roots.empty()) {
        throw HelperError(ErrorKind::InvalidArgument, fileName + ": no \"root\" directive");
    }
    return config;
}

HelperConfig HelperConfig::load(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) {
            return HelperConfig{};
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
    // The file decides which directories root writes into: only root may have written it.
    if (!S_ISREG(info.st_mode) || !isTrustedRootObject(fileIdentityOf(info))) {
        throw HelperError(ErrorKind::InvalidArgument,
                          file.string() + ": must be a regular file owned by root, not writable by "
                                          "group or others");
    }
    std::string text;
    char buffer[4096];
    while (true) {
        const ssize_t count = ::read(fd, buffer, sizeof buffer);
        if (count < 0) {
            if (errno == EINTR) {
                continue;
            }
            throwSystemError("cannot read " + file.string(), errno);
        }
        if (count == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(count));
        if (text.size() > kMaxConfigFileBytes) {
            throw HelperError(ErrorKind::InvalidArgument, file.string() + ": larger than 64 KiB");
        }
    }
    return parse(text, file.string());
}

} // namespace redpak::helper

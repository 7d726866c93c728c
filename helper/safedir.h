// SPDX-License-Identifier: Apache-2.0
// File work for a root process on directories other people may touch: every operation goes
// through an open directory file descriptor and never follows a symbolic link, so swapping
// a path component for a link during an operation makes the operation fail instead of
// redirecting it. Writes are atomic (temporary file, fsync, renameat, fsync of the directory)
// with a fixed owner and mode.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/types.h>
#include <vector>

namespace redpak::helper {

class SafeDir {
public:
    SafeDir(const SafeDir&) = delete;
    SafeDir& operator=(const SafeDir&) = delete;
    SafeDir(SafeDir&& other) noexcept;
    SafeDir& operator=(SafeDir&& other) noexcept;
    ~SafeDir();

    // Opens an absolute directory from "/" component by component without following links,
    // and requires it to be trusted (see isTrustedDirectory) as well as each of its
    // ancestors (root-owned; writable by others only with the sticky bit, like /tmp).
    // Throws HelperError(UnsafeNode) when not trusted, HelperError(Failed) on system errors.
    static SafeDir openTrusted(const std::filesystem::path& absolute);

    // Opens the directory `components` below this one (each component a plain name),
    // refusing symlinks anywhere: openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) when the
    // kernel has it, else openat(O_NOFOLLOW) one component at a time. Throws
    // HelperError(NotFound) when a component is missing, HelperError(Failed) otherwise.
    SafeDir openSubdir(const std::vector<std::string>& components) const;
    SafeDir openSubdir(const std::string& component) const {
        return openSubdir(std::vector<std::string>{component});
    }

    // lstat-like information on an entry, nullopt when it does not exist.
    std::optional<struct stat> statEntry(const std::string& name) const;
    struct stat statSelf() const;

    // Content of the regular file `name` (nullopt when absent). Refuses symbolic and hard
    // links, devices and FIFOs, and files over `maxBytes` (HelperError(InvalidArgument)).
    std::optional<std::string> readFile(const std::string& name, std::size_t maxBytes) const;

    // Replaces (or creates) `name` atomically with `content`, owned by uid/gid 0 and `mode`.
    void writeFileAtomically(const std::string& name, std::string_view content, mode_t mode) const;

    void makeDirectory(const std::string& name, mode_t mode) const; // owned by root
    void removeFile(const std::string& name) const;                 // not a directory
    // Removes `name` and everything below it without following links nor leaving the
    // file system of this directory.
    void removeTree(const std::string& name) const;

    // Names of the entries, without "." and "..", sorted.
    std::vector<std::string> entries() const;

    int fd() const { return m_fd; }

private:
    explicit SafeDir(int fd) : m_fd(fd) {}
    void removeContents(int dirFd, dev_t device) const;

    int m_fd = -1;
};

// Root-owned and writable by nobody else (StrictModes-like): the only safe home for files
// that decide what a root process does.
bool isTrustedDirectory(const struct stat& info);
bool isTrustedFile(const struct stat& info);

} // namespace redpak::helper

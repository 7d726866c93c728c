// SPDX-License-Identifier: Apache-2.0
// Applications of a node are XDG desktop entries (Desktop Entry Specification 1.5): the one
// parser, validator and writer of them, for redconf, redwrap, the helper and the GUI. Only
// application entries are accepted (Type=Application with an Exec key): a node launches
// programs, it does not open links or directories.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// A desktop entry is small; anything larger is refused rather than parsed.
inline constexpr std::size_t kMaxDesktopEntryBytes = 64 * 1024;
// The Version of the entries written: the newest desktop-file-validate 0.26 (Debian 12) knows;
// they use nothing of a later version.
inline constexpr std::string_view kWrittenDesktopEntryVersion = "1.4";

struct DesktopEntryKey {
    std::string key;    // "Name"
    std::string locale; // "fr" for Name[fr], empty otherwise
    std::string value;  // as written (escape sequences not yet decoded)
    int line = 0;
};

struct DesktopEntryGroup {
    std::string name; // "Desktop Entry"
    int line = 0;
    std::vector<DesktopEntryKey> keys;
};

class DesktopEntry {
public:
    // Parses and validates `text` (`fileName` for diagnostics). Throws InputError with the line
    // and what was expected for: invalid UTF-8, a line that is neither a group header, a
    // comment nor a key, a key before the first group or repeated in a group, a first group
    // other than [Desktop Entry], Type other than Application, a missing Name or Exec, a
    // boolean that is not true/false, an invalid escape sequence, an Exec line that does not
    // split by the specification's quoting rules.
    static DesktopEntry parse(std::string_view text, const std::string& fileName);

    // The decoded string value of `key` in [Desktop Entry] (no locale), nullopt when absent.
    std::optional<std::string> value(std::string_view key) const;
    std::string name() const { return *value("Name"); }
    std::string exec() const { return *value("Exec"); }
    std::string icon() const { return value("Icon").value_or(std::string()); }
    bool terminal() const { return value("Terminal") == "true"; }
    std::vector<std::string> categories() const;
    // The names the application may talk to on the session bus (its X-RedPak-Session-Bus
    // key, checked by parse; see parseSessionBusNames), nullopt when the key is absent: then
    // the application gets no session bus at all.
    std::optional<std::vector<std::string>> sessionBus() const;

    // The Exec line as arguments, field codes not yet expanded (execArguments does that).
    const std::vector<std::string>& execTokens() const { return m_execTokens; }

    const std::vector<DesktopEntryGroup>& groups() const { return m_groups; }

private:
    std::vector<DesktopEntryGroup> m_groups;
    std::vector<std::string> m_execTokens;
};

// The key of a desktop entry listing the session bus names its application may talk to
// (xdg-dbus-proxy --talk): "X-RedPak-Session-Bus=portals;org.example.App;".
inline constexpr std::string_view kSessionBusKey = "X-RedPak-Session-Bus";
// The word standing for the desktop portals, the default allow-list.
inline constexpr std::string_view kPortalsWord = "portals";
inline constexpr std::string_view kPortalBusNames = "org.freedesktop.portal.*";

// True for a well-known D-Bus name ("org.example.App": two or more elements of letters,
// digits, '_' and '-', not starting with a digit, 255 bytes at most) or such a name ending in
// ".*" (every name below it), as xdg-dbus-proxy --talk takes them.
bool isValidBusNamePattern(std::string_view name);
// The allow-list that `names` asks for: kPortalsWord becomes kPortalBusNames, duplicates go,
// sorted. Throws InputError (`fileName`, `line`) for an invalid name.
std::vector<std::string> parseSessionBusNames(const std::vector<std::string>& names,
                                              const std::string& fileName, int line);

// Decodes the escapes of a string value (\s \n \t \r \\). Throws InputError on another one.
std::string decodeDesktopString(std::string_view value, const std::string& fileName, int line);
// The value written so that decodeDesktopString gives `text` back.
std::string encodeDesktopString(std::string_view text);

// Splits a decoded Exec value into arguments by the specification's quoting rules (double
// quotes, with \" \` \$ \\ inside; reserved characters only inside quotes). Field codes stay as
// written. Throws InputError naming `fileName` and `line`.
std::vector<std::string> splitExecLine(std::string_view exec, const std::string& fileName,
                                       int line);

// The command a launch of `entry` runs: its Exec arguments with the field codes expanded for
// `files` (the files or URLs given at launch: %f/%u take the first, %F/%U all of them, each as
// one argument), %i as "--icon ICON", %c as the name, %k as `location`, %% as %, the
// deprecated codes removed. Throws InputError when an argument embeds %F, %U or %i.
std::vector<std::string> execArguments(const DesktopEntry& entry,
                                       const std::vector<std::string>& files,
                                       std::string_view location, const std::string& fileName);

// The field code with which a launcher standing in for `entry` (a menu entry running it in a
// node) takes what a desktop gives it: "%U" when `entry` takes URLs, "%F" when it takes files
// only, "" when it takes neither.
std::string_view fileArgumentsCode(const DesktopEntry& entry);

// One Exec argument written so that splitExecLine gives it back, before string encoding
// (quoted when it holds a reserved character or is empty; % doubled).
std::string quoteExecArgument(std::string_view argument);
// A whole Exec value (decoded form) for `command`, each argument quoted as needed.
std::string formatExecLine(const std::vector<std::string>& command);

// What `redconf app add` writes.
struct NewApplication {
    std::string name;
    // Program and arguments, taken literally, but for an argument that is exactly %f, %F, %u
    // or %U: that field code (where the files a desktop opens it with go).
    std::vector<std::string> command;
    std::string icon; // icon name or absolute path; empty for none
    bool terminal = false;
    std::vector<std::string> categories;
};

// The text of a desktop entry for `application`, valid for DesktopEntry::parse and
// desktop-file-validate. Throws InputError (`fileName`) for an empty name or command.
std::string formatDesktopEntry(const NewApplication& application, const std::string& fileName);

} // namespace redpak

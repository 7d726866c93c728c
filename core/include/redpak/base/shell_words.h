// SPDX-License-Identifier: Apache-2.0
// Command lines typed by a user (the GUI's command field, the application a user sandboxes)
// split as a POSIX shell splits words: single quotes keep everything literally, double quotes
// keep everything but \" \\ \$ \` and \newline, a backslash outside quotes escapes the next
// character, unquoted blanks separate words. No expansion of any kind: nothing is run by a
// shell. And the reverse, for showing a command so that it can be typed back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redpak {

// The words of `line`. Throws InputError (naming `what`, e.g. "command") for an unclosed quote
// or a trailing backslash.
std::vector<std::string> splitShellWords(std::string_view line, const std::string& what);

// `words` as a line splitShellWords gives back: plain words as they are, others single-quoted.
std::string joinShellWords(const std::vector<std::string>& words);

} // namespace redpak

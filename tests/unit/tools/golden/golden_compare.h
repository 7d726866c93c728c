// SPDX-License-Identifier: Apache-2.0
// Semantic comparison of a program's output with its golden file: JSON as parsed values, YAML
// as its parsed structure (the project's own reader), text line by line without trailing
// whitespace. The result is readable: one line per difference, naming the key or the line.
#pragma once

#include <QByteArray>
#include <QStringList>

namespace golden {

enum class Format { Json, Yaml, Text };

// The differences between `golden` and `output`, empty when they are the same. A JSON key is
// named by its path (`launcher.cgroups[1].dir`), a text line by its number; a text that does
// not parse gives one line saying so. At most kMaxDifferences lines, then a count of the rest.
QStringList differences(Format format, const QByteArray& golden, const QByteArray& output);

inline constexpr qsizetype kMaxDifferences = 40;

} // namespace golden

// SPDX-License-Identifier: Apache-2.0
// The one escaping of every text output (text_escape.h), each class of character; the JSON and
// YAML quoting built on the same classes, read back unchanged.
#include "base/json.h"
#include "redpak/base/text_escape.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"

#include <QtTest>

using namespace redpak;

namespace {

QByteArray bytes(const std::string& text) {
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

class TestTextEscape : public QObject {
    Q_OBJECT

private slots:
    void escapesEveryClass_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        // Shown as they are.
        QTest::newRow("ASCII") << QByteArray("--ro-bind /usr /usr")
                               << QByteArray("--ro-bind /usr /usr");
        QTest::newRow("letters beyond ASCII")
            << QByteArray("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80")
            << QByteArray("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80");
        QTest::newRow("quotes and dollar") << QByteArray("\"'$x") << QByteArray("\"'$x");
        // The escape character itself, so that every form below is unambiguous.
        QTest::newRow("backslash") << QByteArray("a\\x1b") << QByteArray("a\\\\x1b");
        // C0 controls and DEL.
        QTest::newRow("line feed") << QByteArray("a\nb") << QByteArray("a\\nb");
        QTest::newRow("carriage return") << QByteArray("a\rb") << QByteArray("a\\rb");
        QTest::newRow("tab") << QByteArray("a\tb") << QByteArray("a\\tb");
        QTest::newRow("ESC sequence")
            << QByteArray("\x1b[2K\x1b]0;t\x07") << QByteArray("\\x1b[2K\\x1b]0;t\\x07");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
        QTest::newRow("backspace") << QByteArray("a\bb") << QByteArray("a\\x08b");
        QTest::newRow("unit separator") << QByteArray("\x1f") << QByteArray("\\x1f");
        QTest::newRow("DEL") << QByteArray("\x7f") << QByteArray("\\x7f");
        // C1 controls (U+0080-U+009F), CSI included.
        QTest::newRow("C1 CSI U+009B") << QByteArray("\xc2\x9b"
                                                     "2K")
                                       << QByteArray("\\u009b2K");
        QTest::newRow("C1 NEL U+0085") << QByteArray("\xc2\x85") << QByteArray("\\u0085");
        QTest::newRow("C1 first U+0080") << QByteArray("\xc2\x80") << QByteArray("\\u0080");
        QTest::newRow("after C1 U+00A0 stays") << QByteArray("\xc2\xa0") << QByteArray("\xc2\xa0");
        // Bidirectional controls.
        QTest::newRow("ALM U+061C") << QByteArray("\xd8\x9c") << QByteArray("\\u061c");
        QTest::newRow("LRM U+200E") << QByteArray("\xe2\x80\x8e") << QByteArray("\\u200e");
        QTest::newRow("RLM U+200F") << QByteArray("\xe2\x80\x8f") << QByteArray("\\u200f");
        QTest::newRow("LRE U+202A") << QByteArray("\xe2\x80\xaa") << QByteArray("\\u202a");
        QTest::newRow("RLO U+202E") << QByteArray("ro-\xe2\x80\xae"
                                                  "dnib")
                                    << QByteArray("ro-\\u202ednib");
        QTest::newRow("LRI U+2066") << QByteArray("\xe2\x81\xa6") << QByteArray("\\u2066");
        QTest::newRow("PDI U+2069") << QByteArray("\xe2\x81\xa9") << QByteArray("\\u2069");
        // Other invisible (format) characters and separators.
        QTest::newRow("zero width space U+200B")
            << QByteArray("\xe2\x80\x8b") << QByteArray("\\u200b");
        QTest::newRow("line separator U+2028")
            << QByteArray("\xe2\x80\xa8") << QByteArray("\\u2028");
        QTest::newRow("BOM U+FEFF") << QByteArray("\xef\xbb\xbf") << QByteArray("\\ufeff");
        QTest::newRow("soft hyphen U+00AD") << QByteArray("\xc2\xad") << QByteArray("\\u00ad");
        QTest::newRow("tag U+E0041") << QByteArray("\xf3\xa0\x81\x81") << QByteArray("\\U000e0041");
        QTest::newRow("noncharacter U+FFFE") << QByteArray("\xef\xbf\xbe") << QByteArray("\\ufffe");
        // Bytes that are not UTF-8, one escape each.
        QTest::newRow("invalid byte 0xff") << QByteArray("a\xff") << QByteArray("a\\xff");
        QTest::newRow("8-bit CSI 0x9b") << QByteArray("\x9b"
                                                      "2K")
                                        << QByteArray("\\x9b2K");
        QTest::newRow("truncated sequence") << QByteArray("\xe2\x80") << QByteArray("\\xe2\\x80");
        QTest::newRow("overlong NUL") << QByteArray("\xc0\x80") << QByteArray("\\xc0\\x80");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\\xed\\xa0\\x80");
        QTest::newRow("above U+10FFFF")
            << QByteArray("\xf4\x90\x80\x80") << QByteArray("\\xf4\\x90\\x80\\x80");
    }

    void escapesEveryClass() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const std::string escaped = escapeText(std::string_view(input.constData(), input.size()));
        QCOMPARE(bytes(escaped), expected);
        // Whatever the input, the output is printable valid UTF-8 with nothing hidden.
        for (std::size_t i = 0; i < escaped.size();) {
            const Utf8Unit unit = decodeUtf8(escaped, i);
            QVERIFY(unit.valid);
            QVERIFY(unit.codePoint >= 0x20 && unit.codePoint != 0x7f);
            QVERIFY(!isHiddenCodePoint(unit.codePoint));
            i += unit.length;
        }
    }

    // JSON (every --json output, audit records) escapes the same classes and reads back the
    // same text; a byte that is not UTF-8 cannot be kept in JSON and becomes U+FFFD.
    void jsonQuotesTheSameClasses_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("quoted");
        QTest::newRow("ESC") << QByteArray("\x1b[0m") << QByteArray("\"\\u001b[0m\"");
        QTest::newRow("C1 CSI") << QByteArray("\xc2\x9b") << QByteArray("\"\\u009b\"");
        QTest::newRow("RLO") << QByteArray("\xe2\x80\xae") << QByteArray("\"\\u202e\"");
        QTest::newRow("tag U+E0041")
            << QByteArray("\xf3\xa0\x81\x81") << QByteArray("\"\\udb40\\udc41\"");
        QTest::newRow("letters stay") << QByteArray("\xc3\xa9") << QByteArray("\"\xc3\xa9\"");
    }

    void jsonQuotesTheSameClasses() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, quoted);
        const std::string text(input.constData(), static_cast<std::size_t>(input.size()));
        const std::string json = detail::jsonQuote(text);
        QCOMPARE(bytes(json), quoted);
        const detail::JsonValue back = detail::parseJson(json, "test");
        QVERIFY(back.string());
        QCOMPARE(bytes(*back.string()), input);
    }

    void jsonReplacesInvalidBytes() {
        QCOMPARE(bytes(detail::jsonQuote("a\xff\x9b")), QByteArray("\"a\\ufffd\\ufffd\""));
    }

    // Canonical YAML (`redconf config --yaml`) quotes hidden characters with YAML's escapes and
    // reads back the same configuration.
    void yamlRoundTrip() {
        const std::string info = "a\x1b[2K\xe2\x80\xae\xc2\x9b\"\\";
        Config config = parseConfig("headers:\n  alias: a\n", "test");
        config.headers.info = Setting<std::string>{info, {}};
        const std::string yaml = writeConfig(config);
        QVERIFY2(yaml.find("\\x1b[2K\\u202e\\u009b\\\"\\\\") != std::string::npos, yaml.c_str());
        QVERIFY(yaml.find('\x1b') == std::string::npos);
        QCOMPARE(parseConfig(yaml, "test").headers.info->value, info);
    }
};

QTEST_APPLESS_MAIN(TestTextEscape)
#include "tst_text_escape.moc"

// SPDX-License-Identifier: Apache-2.0
// Parser: every section and mode is read (odd-case keys and enums included), every rejection
// rule gives an error naming the file and the line, and hostile files are refused.
#include "files.h"
#include "redpak/config/parser.h"
#include "redpak/config/writer.h"

#include <QObject>
#include <QTemporaryDir>
#include <sys/stat.h>
#include <unistd.h>

using namespace redpak;

namespace {

const QByteArray kHeaders = "headers:\n  alias: a\n";
const std::string kFile = "test.yaml";

// A `headers` map with `keys` entries k1, k2... then `extra` (at line keys + 3).
QByteArray longHeaders(int keys, const QByteArray& extra) {
    QByteArray text = "headers:\n";
    for (int i = 1; i <= keys; ++i) {
        text += "  k" + QByteArray::number(i) + ": v\n";
    }
    return text + extra;
}

QByteArray nested(int depth) {
    QByteArray text = kHeaders + "config:\n  hostname: ";
    text += QByteArray(depth, '[') + "x" + QByteArray(depth, ']') + "\n";
    return text;
}

} // namespace

class TestParser : public QObject {
    Q_OBJECT

private slots:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void refusesOversizedText();
    void warnsAboutIgnoredPath();
    void acceptsEveryCapabilityName();
    void keepsPositions();
    void validateConfigTextReportsError();
    void loadConfigFileLimits_data();
    void loadConfigFileLimits();
    void conformanceBodiesParse_data();
    void conformanceBodiesParse();
};

// Each accepted text is compared through its canonical form, which shows every field.
void TestParser::accepts_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("minimal") << kHeaders << kHeaders;
    QTest::newRow("odd-case headers") << QByteArray("HEaders:\n  ALIAS: a-b_c@d:e+f\n  NaMe: n\n  "
                                                    "INFO: i\n")
                                      << QByteArray("headers:\n  alias: a-b_c@d:e+f\n  name: n\n  "
                                                    "info: i\n");
    QTest::newRow("flow style") << QByteArray("{headers: {alias: a}, config: {hostname: h}}\n")
                                << kHeaders + "config:\n  hostname: h\n";
    QTest::newRow("empty optional sections")
        << kHeaders + "config:\nenviron:\nexports:\n# only comments\n"
        << kHeaders;
    QTest::newRow("empty config map") << kHeaders + "config: {}\n" << kHeaders + "config: {}\n";
    QTest::newRow("every config key")
        << kHeaders + "CONFIG:\n  PersistDir: /p\n  rpmdir: /r\n  cachedir: /c\n  path: /a:/b\n"
                      "  ldpath: /l\n  umask: 022\n  set-user: '1000'\n  SET-GROUP: users\n"
                      "  smack: App\n  verbose: 027\n  map-root-user: 1\n  gpgcheck: YES\n"
                      "  unsafe: off\n  inherit-env: False\n  die-with-parent: ENABLED\n"
                      "  new-session: disabLed\n  share_all: unset\n  Share_User: Disabled\n"
                      "  share_cgroup: enabled\n  share_net: /proc/1/ns/net\n"
                      "  share_pid: disabled\n  share_ipc: disabled\n  share_time: UNSET\n"
                      "  hostname: h\n  chdir: /w\n  cgrouproot: /sys/fs/cgroup/x\n"
        << kHeaders + "config:\n  persistdir: /p\n  rpmdir: /r\n  cachedir: /c\n  path: /a:/b\n"
                      "  ldpath: /l\n  umask: '022'\n  set-user: 1000\n  set-group: users\n"
                      "  smack: App\n  verbose: 27\n  map-root-user: 1\n  gpgcheck: true\n"
                      "  unsafe: false\n  inherit-env: false\n  die-with-parent: enabled\n"
                      "  new-session: disabled\n  share_all: unset\n  share_user: disabled\n"
                      "  share_cgroup: enabled\n  share_net: /proc/1/ns/net\n"
                      "  share_pid: disabled\n  share_ipc: disabled\n  share_time: unset\n"
                      "  hostname: h\n  chdir: /w\n  cgrouproot: /sys/fs/cgroup/x\n";
    QTest::newRow("host name labels") << kHeaders + "config:\n  hostname: web-1.my_site.local\n"
                                      << kHeaders + "config:\n  hostname: web-1.my_site.local\n";
    // Values with tags are checked once expanded (tst_plan).
    QTest::newRow("tags checked later") << kHeaders + "config:\n  hostname: a+$X\n  chdir: $H\n"
                                        << kHeaders + "config:\n  hostname: a+$X\n  chdir: $H\n";
    QTest::newRow("umask forms") << kHeaders + "config:\n  umask: '7'\n"
                                 << kHeaders + "config:\n  umask: '007'\n";
    QTest::newRow("negative verbose") << kHeaders + "config:\n  verbose: -3\n"
                                      << kHeaders + "config:\n  verbose: -3\n";
    QTest::newRow("every cgroup key")
        << kHeaders + "config:\n  CGroups:\n    CPUSET: {cpus: 0-1, mems: '0', CPUS_PARTITION: "
                      "root}\n    mem: {min: 1M, max: 2G, high: 1G, swap_high: '0', swap_max: "
                      "'0', low: 1M, oom_group: '1'}\n    cpu: {weight: 100, max: 50000 100000, "
                      "weight_nice: '0'}\n    io: {weight: 10, max: '8:0 rbps=1', cost_qos: x, "
                      "cost_model: y}\n    PIDS: {MAX: 10}\n"
        << kHeaders + "config:\n  cgroups:\n    cpuset:\n      cpus: 0-1\n      mems: 0\n"
                      "      cpus_partition: root\n    mem:\n      min: 1M\n      max: 2G\n"
                      "      high: 1G\n      swap_high: 0\n      swap_max: 0\n      low: 1M\n"
                      "      oom_group: 1\n    cpu:\n      weight: 100\n"
                      "      max: 50000 100000\n      weight_nice: 0\n    io:\n"
                      "      weight: 10\n      max: 8:0 rbps=1\n      cost_qos: x\n"
                      "      cost_model: y\n    pids:\n      max: 10\n";
    QTest::newRow("capabilities")
        << kHeaders + "config:\n  capabilities:\n    - {cap: CAP_CHOWN, add: 1, info: i, warn: "
                      "w}\n    - Cap: All\n      ADD: false\n    - cap: cap_checkpoint_restore\n"
                      "      add: TRUE\n"
        << kHeaders + "config:\n  capabilities:\n    - cap: cap_chown\n      add: 1\n"
                      "      info: i\n      warn: w\n    - cap: all\n      add: 0\n"
                      "    - cap: cap_checkpoint_restore\n      add: 1\n";
    QTest::newRow("environ every mode")
        << kHeaders + "environ:\n  - key: A\n    value: '$NODE_ALIAS> '\n"
                      "  - KEY: B\n    MODE: STATIC\n    Value: $X\n    info: i\n    warn: w\n"
                      "  - key: C\n    mode: execFD\n    value: echo hi\n"
                      "  - key: D\n    mode: remove\n  - key: _E1\n    mode: Inherit\n"
        << kHeaders + "environ:\n  - key: A\n    mode: Default\n    value: \"$NODE_ALIAS> \"\n"
                      "  - key: B\n    mode: Static\n    value: $X\n    info: i\n    warn: w\n"
                      "  - key: C\n    mode: Execfd\n    value: echo hi\n"
                      "  - key: D\n    mode: Remove\n  - key: _E1\n    mode: Inherit\n";
    QByteArray exportsIn = kHeaders + "exports:\n";
    QByteArray exportsOut = kHeaders + "exports:\n";
    for (const char* mode :
         {"Restricted", "Public", "Private", "PrivateRestricted", "RestrictedFile", "PublicFile",
          "PrivateFile", "Symlink", "Execfd", "Internal"}) {
        const QByteArray lower = QByteArray(mode).toLower();
        exportsIn += "  - mode: " + lower + "\n    mount: /m" + lower + "\n    path: /p\n";
        exportsIn += "  - MODE: " + QByteArray(mode).toUpper() + "\n    MOUNT: /o" + lower + "\n";
        exportsOut +=
            "  - mode: " + QByteArray(mode) + "\n    mount: /m" + lower + "\n    path: /p\n";
        exportsOut += "  - mode: " + QByteArray(mode) + "\n    mount: /o" + lower + "\n";
    }
    for (const char* mode : {"Anonymous", "Tmpfs", "Procfs", "Devfs", "Mqueue", "Lock"}) {
        exportsIn += "  - mode: " + QByteArray(mode).toLower() + "\n    mount: /" + mode +
                     "\n    info: i\n    warn: w\n";
        exportsOut += "  - mode: " + QByteArray(mode) + "\n    mount: /" + mode +
                      "\n    info: i\n    warn: w\n";
    }
    QTest::newRow("exports every mode") << exportsIn << exportsOut;
    QTest::newRow("ignored path kept")
        << kHeaders + "exports:\n  - mode: Tmpfs\n    mount: /t\n    path: /ignored\n"
        << kHeaders + "exports:\n  - mode: Tmpfs\n    mount: /t\n    path: /ignored\n";
    QTest::newRow("quoted and special strings")
        << kHeaders + "config:\n  set-group: \"a: b # c\"\n  set-user: 'it''s'\n"
                      "  smack: \"tab\\there\\nnewline\"\n  path: \"été\"\n"
        << kHeaders + "config:\n  path: \"été\"\n  set-user: \"it's\"\n"
                      "  set-group: \"a: b # c\"\n  smack: \"tab\\there\\nnewline\"\n";
    QTest::newRow("percent signs inside lines")
        << kHeaders + "config:\n  smack: \"%h\"\n  chdir: /%d\n  # %YAML 1.2\n"
        << kHeaders + "config:\n  smack: \"%h\"\n  chdir: /%d\n";
    QTest::newRow("utf-8 bom and comments")
        << QByteArray("\xEF\xBB\xBF# c\n") + kHeaders + "# trailing\n"
        << kHeaders;
}

void TestParser::accepts() {
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, canonical);
    try {
        const Config config = parseConfig(testutil::str(yaml), kFile);
        QCOMPARE(QByteArray::fromStdString(writeConfig(config)), canonical);
        QCOMPARE(parseConfig(writeConfig(config), kFile), config);
    } catch (const InputError& error) {
        QFAIL(error.what());
    }
}

void TestParser::rejects_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    // Document structure.
    QTest::newRow("empty file") << QByteArray() << 1 << "empty configuration";
    QTest::newRow("not a map") << QByteArray("- a\n") << 1 << "must be a map";
    QTest::newRow("scalar document") << QByteArray("hello\n") << 1 << "must be a map";
    QTest::newRow("missing headers") << QByteArray("config: {}\n") << 1 << "no 'headers'";
    QTest::newRow("unknown section")
        << kHeaders + "extra: 1\n"
        << 3
        << "unknown key 'extra' in the configuration; expected one of: headers, config, "
           "environ, exports";
    QTest::newRow("invalid YAML") << kHeaders + "config: [a\n" << 3 << "invalid YAML";
    QTest::newRow("two documents") << kHeaders + "---\n" + kHeaders << 3 << "second YAML document";
    QTest::newRow("non-scalar key") << QByteArray("? [a]\n: b\n") << 1 << "a key must be";
    // Directives: yaml-cpp would end the document at one after content and ignore the rest.
    QTest::newRow("directive after content") << kHeaders + "%YAML 1.2\nconfig:\n  hostname: h\n"
                                             << 3 << "YAML directives (%YAML) are not allowed";
    QTest::newRow("directive first") << "%TAG ! tag:example.com,2000:\n---\n" + kHeaders << 1
                                     << "YAML directives (%TAG) are not allowed";
    QTest::newRow("stray %") << kHeaders + "%\n" << 3 << "YAML directives (%) are not allowed";
    QTest::newRow("directive after a bom")
        << "\xEF\xBB\xBF%YAML 1.2\n---\n" + kHeaders << 1 << "YAML directives (%YAML)";
    QTest::newRow("directive after crlf")
        << QByteArray("headers:\r\n  alias: a\r\n%FOO\r\n") << 3 << "YAML directives (%FOO)";
    // yaml-cpp takes the rest of the file as the value of a quote left open.
    QTest::newRow("unterminated double quote") << kHeaders + "  info: \"never closed\n"
                                               << 3 << "unterminated quoted string";
    QTest::newRow("unterminated single quote") << kHeaders + "  info: 'it''s open\n"
                                               << 3 << "unterminated quoted string";
    // Escapes that decode to NUL would cut the value in every C string it reaches.
    QTest::newRow("escaped NUL") << kHeaders + "  info: \"a\\0b\"\n" << 3 << "NUL character";
    QTest::newRow("escaped NUL as unicode") << kHeaders + "  info: \"a\\u0000b\"\n"
                                            << 3 << "NUL character";
    // Headers.
    QTest::newRow("headers not a map") << QByteArray("headers: x\n") << 1 << "must be a map";
    QTest::newRow("missing alias") << QByteArray("headers:\n  name: n\n") << 2 << "no 'alias'";
    QTest::newRow("null alias") << QByteArray("headers:\n  alias:\n") << 2
                                << "must be a single value, found nothing";
    QTest::newRow("alias sequence") << QByteArray("headers:\n  alias: [a]\n") << 2
                                    << "must be a single value, found a sequence";
    QTest::newRow("alias bad char")
        << QByteArray("headers:\n  alias: a/b\n") << 2 << "invalid alias 'a/b'";
    QTest::newRow("alias empty") << QByteArray("headers:\n  alias: ''\n") << 2 << "invalid alias";
    QTest::newRow("alias too long") << "headers:\n  alias: " + QByteArray(256, 'a') + "\n"
                                    << 2 << "invalid alias";
    QTest::newRow("unknown header") << kHeaders + "  version: 2\n"
                                    << 3 << "unknown key 'version' in 'headers'";
    // config.
    QTest::newRow("config not a map") << kHeaders + "config: [a]\n" << 3 << "must be a map";
    QTest::newRow("unknown config key")
        << kHeaders + "config:\n  share-net: enabled\n"
        << 4 << "unknown key 'share-net' in 'config'; expected one of: persistdir";
    QTest::newRow("scalar expected")
        << kHeaders + "config:\n  hostname: {a: b}\n"
        << 4 << "'hostname' in 'config' must be a single value, found a map";
    QTest::newRow("hostname with a space") << kHeaders + "config:\n  hostname: my host!!\n"
                                           << 4 << "expected a host name";
    QTest::newRow("hostname empty label") << kHeaders + "config:\n  hostname: a..b\n"
                                          << 4 << "expected a host name";
    QTest::newRow("hostname leading hyphen") << kHeaders + "config:\n  hostname: -h\n"
                                             << 4 << "expected a host name";
    QTest::newRow("hostname too long")
        << kHeaders + "config:\n  hostname: " + QByteArray(65, 'h') + "\n"
        << 4 << "at most 64 characters";
    QTest::newRow("chdir relative") << kHeaders + "config:\n  chdir: srv/app\n"
                                    << 4 << "expected an absolute path";
    QTest::newRow("umask not octal") << kHeaders + "config:\n  umask: 8\n" << 4 << "octal mode";
    QTest::newRow("umask too big") << kHeaders + "config:\n  umask: 1000\n" << 4 << "octal mode";
    QTest::newRow("umask prefix") << kHeaders + "config:\n  umask: 0o22\n" << 4 << "octal mode";
    QTest::newRow("verbose not int") << kHeaders + "config:\n  verbose: ten\n"
                                     << 4 << "decimal integer";
    QTest::newRow("verbose overflow") << kHeaders + "config:\n  verbose: 99999999999999999999\n"
                                      << 4 << "decimal integer";
    QTest::newRow("map-root-user not int") << kHeaders + "config:\n  map-root-user: yes\n"
                                           << 4 << "decimal integer";
    QTest::newRow("bool invalid") << kHeaders + "config:\n  gpgcheck: maybe\n"
                                  << 4 << "must be a boolean";
    QTest::newRow("edu invalid") << kHeaders + "config:\n  die-with-parent: yes\n"
                                 << 4 << "expected enabled, disabled or unset";
    QTest::newRow("share invalid") << kHeaders + "config:\n  share_net: maybe\n"
                                   << 4 << "expected enabled, disabled, unset or the absolute path";
    QTest::newRow("share relative path") << kHeaders + "config:\n  share_net: proc/1/ns/net\n"
                                         << 4 << "absolute path";
    QTest::newRow("cgroups not a map") << kHeaders + "config:\n  cgroups: [mem]\n"
                                       << 4 << "'cgroups' must be a map";
    QTest::newRow("cgroup unknown controller")
        << kHeaders + "config:\n  cgroups:\n    memory: {max: 1}\n"
        << 5 << "unknown key 'memory' in 'cgroups'; expected one of: cpuset, mem, cpu, io, pids";
    QTest::newRow("cgroup unknown key")
        << kHeaders + "config:\n  cgroups:\n    mem:\n      maxx: 1\n"
        << 6 << "unknown key 'maxx' in 'cgroups.mem'";
    QTest::newRow("cgroup empty sub-map") << kHeaders + "config:\n  cgroups:\n    mem: {}\n"
                                          << 5 << "'cgroups.mem' is empty";
    QTest::newRow("cgroup null sub-map") << kHeaders + "config:\n  cgroups:\n    cpu:\n"
                                         << 5 << "'cgroups.cpu' must be a map";
    QTest::newRow("pids empty") << kHeaders + "config:\n  cgroups:\n    pids: {}\n"
                                << 5 << "'cgroups.pids' is empty";
    QTest::newRow("pids other key") << kHeaders + "config:\n  cgroups:\n    pids: {weight: 1}\n"
                                    << 5 << "unknown key 'weight' in 'cgroups.pids'";
    QTest::newRow("cgroup value not scalar")
        << kHeaders + "config:\n  cgroups:\n    mem: {max: [1]}\n"
        << 5 << "must be a single value";
    QTest::newRow("capabilities not a sequence") << kHeaders + "config:\n  capabilities: {}\n"
                                                 << 4 << "must be a sequence";
    QTest::newRow("capability unknown")
        << kHeaders + "config:\n  capabilities:\n    - cap: cap_foo\n      add: 1\n"
        << 5 << "unknown capability 'cap_foo'";
    QTest::newRow("capability without prefix")
        << kHeaders + "config:\n  capabilities:\n    - cap: chown\n      add: 1\n"
        << 5 << "unknown capability 'chown'";
    QTest::newRow("capability missing cap") << kHeaders + "config:\n  capabilities:\n    - add: 1\n"
                                            << 5 << "no 'cap'";
    QTest::newRow("capability missing add")
        << kHeaders + "config:\n  capabilities:\n    - cap: cap_chown\n"
        << 5 << "no 'add'";
    QTest::newRow("capability add invalid")
        << kHeaders + "config:\n  capabilities:\n    - cap: cap_chown\n      add: 2\n"
        << 6 << "must be a boolean";
    QTest::newRow("capability unknown key")
        << kHeaders +
               "config:\n  capabilities:\n    - cap: cap_chown\n      add: 1\n      drop: 1\n"
        << 7 << "unknown key 'drop' in capabilities entry";
    QTest::newRow("capability twice")
        << kHeaders + "config:\n  capabilities:\n    - {cap: cap_chown, add: 1}\n"
                      "    - {cap: CAP_CHOWN, add: 0}\n"
        << 6 << "capability 'cap_chown' is already listed at line 5";
    // environ.
    QTest::newRow("environ not a sequence") << kHeaders + "environ: {key: A}\n"
                                            << 3 << "'environ' must be a sequence";
    QTest::newRow("environ entry not a map") << kHeaders + "environ:\n  - A\n"
                                             << 4 << "environ entry must be a map";
    QTest::newRow("environ missing key") << kHeaders + "environ:\n  - value: v\n"
                                         << 4 << "no 'key'";
    QTest::newRow("environ bad name") << kHeaders + "environ:\n  - key: 1A\n    value: v\n"
                                      << 4 << "invalid variable name '1A'";
    QTest::newRow("environ name with =") << kHeaders + "environ:\n  - key: A=B\n    value: v\n"
                                         << 4 << "invalid variable name";
    QTest::newRow("environ unknown mode")
        << kHeaders + "environ:\n  - key: A\n    mode: set\n    value: v\n"
        << 5
        << "unknown environ mode 'set'; expected one of: Default, Static, Execfd, Remove, Inherit";
    QTest::newRow("environ Default without value")
        << kHeaders + "environ:\n  - key: A\n"
        << 4 << "no 'value', which mode Default requires";
    QTest::newRow("environ Static without value")
        << kHeaders + "environ:\n  - key: A\n    mode: static\n"
        << 4 << "no 'value', which mode Static requires";
    QTest::newRow("environ Execfd without value")
        << kHeaders + "environ:\n  - key: A\n    mode: execfd\n"
        << 4 << "no 'value', which mode Execfd requires";
    QTest::newRow("environ Remove with value")
        << kHeaders + "environ:\n  - key: A\n    mode: remove\n    value: v\n"
        << 6 << "has a 'value', which mode Remove forbids";
    QTest::newRow("environ Inherit with value")
        << kHeaders + "environ:\n  - key: A\n    mode: inherit\n    value: v\n"
        << 6 << "has a 'value', which mode Inherit forbids";
    QTest::newRow("environ unknown key")
        << kHeaders + "environ:\n  - key: A\n    value: v\n    default: x\n"
        << 6
        << "unknown key 'default' in environ entry; expected one of: key, mode, value, info, warn";
    QTest::newRow("environ duplicate variable")
        << kHeaders + "environ:\n  - {key: A, value: v}\n  - {key: A, mode: remove}\n"
        << 5 << "variable 'A' is already defined at line 4";
    // exports.
    QTest::newRow("export duplicate mount")
        << kHeaders + "exports:\n  - {mode: Tmpfs, mount: /data}\n"
                      "  - {mode: Public, mount: //data/, path: /srv}\n"
        << 5 << "duplicate mount '//data/': already exported at line 4";
    QTest::newRow("exports not a sequence") << kHeaders + "exports: /usr\n"
                                            << 3 << "'exports' must be a sequence";
    QTest::newRow("export missing mode") << kHeaders + "exports:\n  - mount: /m\n"
                                         << 4 << "no 'mode'";
    QTest::newRow("export missing mount") << kHeaders + "exports:\n  - mode: Tmpfs\n"
                                          << 4 << "no 'mount'";
    QTest::newRow("export unknown mode")
        << kHeaders + "exports:\n  - mode: ReadOnly\n    mount: /m\n"
        << 4 << "unknown export mode 'ReadOnly'; expected one of: Restricted";
    QTest::newRow("export empty mount") << kHeaders + "exports:\n  - mode: Tmpfs\n    mount: ''\n"
                                        << 5 << "empty 'mount'";
    QTest::newRow("export unknown key")
        << kHeaders + "exports:\n  - mode: Tmpfs\n    mount: /m\n    source: /s\n"
        << 6
        << "unknown key 'source' in exports entry; expected one of: mode, mount, path, info, warn";
    // Limits against hostile files.
    QTest::newRow("anchor") << kHeaders + "config:\n  hostname: &h x\n  chdir: y\n"
                            << 4 << "anchors (&name) are not allowed";
    QTest::newRow("alias") << kHeaders + "config: &c {hostname: x}\nenviron: *c\n"
                           << 3 << "anchors (&name) are not allowed";
    QTest::newRow("billion laughs")
        << QByteArray("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n")
        << 1 << "anchors (&name) are not allowed";
    QTest::newRow("alias without anchor") << kHeaders + "config:\n  hostname: *undefined\n"
                                          << 4 << "";
    QTest::newRow("standard tag") << kHeaders + "config:\n  hostname: !!str x\n"
                                  << 4 << "tags (tag:yaml.org,2002:str) are not allowed";
    QTest::newRow("custom tag") << kHeaders + "config: !custom\n  hostname: x\n"
                                << 3 << "tags (!custom) are not allowed";
    QTest::newRow("duplicate key same case") << kHeaders + "  alias: b\n"
                                             << 3 << "duplicate key 'alias'";
    QTest::newRow("duplicate key other case")
        << kHeaders + "config:\n  hostname: x\n  HostName: y\n"
        << 5 << "duplicate key 'HostName' (already given as 'hostname' at line 4";
    QTest::newRow("duplicate section") << kHeaders + "Headers:\n  alias: b\n"
                                       << 3 << "duplicate key 'Headers'";
    // Short maps are searched entry by entry, long ones through an index built on the way.
    QTest::newRow("duplicate key, 16th entry")
        << longHeaders(15, "  K2: again\n") << 17
        << "duplicate key 'K2' (already given as 'k2' at line 3";
    QTest::newRow("duplicate key, 17th entry")
        << longHeaders(16, "  K16: again\n") << 18
        << "duplicate key 'K16' (already given as 'k16' at line 17";
    QTest::newRow("duplicate key, 18th entry, index built")
        << longHeaders(17, "  K17: again\n") << 19
        << "duplicate key 'K17' (already given as 'k17' at line 18";
    QTest::newRow("duplicate key of a long map")
        << longHeaders(40, "  K3: again\n") << 42
        << "duplicate key 'K3' (already given as 'k3' at line 4";
    QTest::newRow("duplicate key after the index")
        << longHeaders(40, "  k41: v\n  K41: again\n") << 43
        << "duplicate key 'K41' (already given as 'k41' at line 42";
    QTest::newRow("depth 32 reaches the schema") << nested(30) << 4 << "must be a single value";
    QTest::newRow("depth 33") << nested(31) << 4 << "nesting deeper than 32 levels";
    QTest::newRow("depth 5000") << nested(5000) << 4 << "nesting deeper than 32 levels";
    QTest::newRow("NUL byte inside")
        << kHeaders + QByteArray("config:\n  hostname: a", 22) + QByteArray(1, '\0') + "b\n"
        << 4 << "NUL byte";
    QTest::newRow("invalid UTF-8") << kHeaders + "config:\n  hostname: \xC3\x28\n"
                                   << 4 << "invalid UTF-8";
    QTest::newRow("overlong UTF-8") << kHeaders + "config:\n  hostname: \xC0\xAF\n"
                                    << 4 << "invalid UTF-8";
    QTest::newRow("UTF-16 surrogate") << kHeaders + "config:\n  hostname: \xED\xA0\x80\n"
                                      << 4 << "invalid UTF-8";
    QTest::newRow("truncated UTF-8")
        << kHeaders + "config:\n  hostname: \xE2\x82" << 4 << "invalid UTF-8";
}

void TestParser::rejects() {
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, message);
    try {
        parseConfig(testutil::str(yaml), kFile);
        QFAIL("accepted");
    } catch (const InputError& error) {
        const Diagnostic& d = error.diagnostic();
        QCOMPARE(d.file, kFile);
        QVERIFY2(d.line > 0, error.what());
        if (line > 0) {
            QVERIFY2(d.line == line, error.what());
        }
        QVERIFY2(QString::fromStdString(d.message).contains(message), error.what());
        QVERIFY(QString::fromStdString(d.format())
                    .startsWith(QStringLiteral("test.yaml:%1:").arg(d.line)));
    }
}

void TestParser::refusesOversizedText() {
    QByteArray text = kHeaders + "config:\n  smack: ";
    const auto valueSize = static_cast<qsizetype>(kMaxConfigBytes) - text.size() - 1;
    text += QByteArray(valueSize, 'x') + "\n";
    QCOMPARE(text.size(), static_cast<qsizetype>(kMaxConfigBytes));
    QCOMPARE(parseConfig(testutil::str(text), kFile).config->smack->value.size(),
             static_cast<std::size_t>(valueSize));
    text += "#";
    try {
        parseConfig(testutil::str(text), kFile);
        QFAIL("accepted");
    } catch (const InputError& error) {
        QCOMPARE(error.diagnostic().file, kFile);
        QVERIFY2(QString(error.what()).contains("file too large"), error.what());
    }
}

void TestParser::warnsAboutIgnoredPath() {
    std::vector<Diagnostic> warnings;
    parseConfig(
        testutil::str(kHeaders + "exports:\n  - mode: Tmpfs\n    mount: /t\n    path: /x\n"), kFile,
        &warnings);
    QCOMPARE(warnings.size(), std::size_t(1));
    QCOMPARE(warnings.front().line, 6);
    QVERIFY(QString::fromStdString(warnings.front().message).contains("ignored for mode Tmpfs"));
    warnings.clear();
    parseConfig(testutil::str(kHeaders + "exports:\n  - mode: Restricted\n    mount: /t\n"), kFile,
                &warnings);
    QVERIFY(warnings.empty());
}

void TestParser::acceptsEveryCapabilityName() {
    QCOMPARE(capabilityNames().size(), std::size_t(41));
    QCOMPARE(capabilityNames().front(), std::string_view("cap_chown"));
    QCOMPARE(capabilityNames().back(), std::string_view("cap_checkpoint_restore"));
    QByteArray text = kHeaders + "config:\n  capabilities:\n";
    for (std::string_view name : capabilityNames()) {
        text += "    - cap: " + QByteArray(name.data(), static_cast<int>(name.size())).toUpper() +
                "\n      add: 0\n";
    }
    const Config config = parseConfig(testutil::str(text), kFile);
    QCOMPARE(config.config->capabilities.size(), std::size_t(41));
    for (std::size_t i = 0; i < 41; ++i) {
        QCOMPARE(config.config->capabilities[i].name, std::string(capabilityNames()[i]));
    }
}

void TestParser::keepsPositions() {
    const Config config = parseConfig(
        testutil::str(kHeaders + "config:\n  hostname: h\nenviron:\n  - key: A\n    value: v\n"),
        kFile);
    QCOMPARE(config.headers.alias.pos.line, 2);
    QCOMPARE(config.headers.alias.pos.column, 10);
    QCOMPARE(config.config->hostname->pos.line, 4);
    QCOMPARE(config.environ.front().pos.line, 6);
}

void TestParser::validateConfigTextReportsError() {
    const ValidationResult bad = validateConfigText("headers:\n  alias: [x]\n", "edit.yaml");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error->file, std::string("edit.yaml"));
    QCOMPARE(bad.error->line, 2);
    const ValidationResult good = validateConfigText(
        testutil::str(kHeaders + "exports:\n  - {mode: Lock, mount: /l, path: /p}\n"), "edit.yaml");
    QVERIFY(good.ok());
    QVERIFY(!good.error);
    QCOMPARE(good.warnings.size(), std::size_t(1));
}

void TestParser::loadConfigFileLimits_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("regular") << "regular"
                             << "";
    QTest::newRow("symlink") << "symlink"
                             << "symbolic link";
    QTest::newRow("directory") << "directory"
                               << "not a regular file";
    QTest::newRow("fifo") << "fifo"
                          << "not a regular file";
    QTest::newRow("too large") << "large"
                               << "file too large";
    QTest::newRow("missing") << "missing"
                             << "cannot open";
    QTest::newRow("invalid content") << "invalid"
                                     << "unknown key 'bogus'";
}

void TestParser::loadConfigFileLimits() {
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::filesystem::path dir = tmp.path().toStdString();
    const std::filesystem::path target = dir / "real.yaml";
    const std::filesystem::path file = dir / "config.yaml";
    testutil::writeFile(target, kHeaders);
    if (kind == "regular") {
        testutil::writeFile(file, kHeaders);
    } else if (kind == "symlink") {
        std::filesystem::create_symlink(target, file);
    } else if (kind == "directory") {
        std::filesystem::create_directory(file);
    } else if (kind == "fifo") {
        QCOMPARE(::mkfifo(file.c_str(), 0600), 0);
    } else if (kind == "large") {
        testutil::writeFile(file, kHeaders + "# " + QByteArray(1024 * 1024, 'x') + "\n");
    } else if (kind == "invalid") {
        testutil::writeFile(file, kHeaders + "bogus: 1\n");
    }
    try {
        const Config config = loadConfigFile(file);
        QVERIFY(message.isEmpty());
        QCOMPARE(config.headers.alias.value, std::string("a"));
    } catch (const InputError& error) {
        QVERIFY2(!message.isEmpty(), error.what());
        QCOMPARE(error.diagnostic().file, file.string());
        QVERIFY2(QString(error.what()).contains(message), error.what());
    }
}

void TestParser::conformanceBodiesParse_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = testutil::configDataFiles();
    QVERIFY(files.size() >= 60);
    for (const QString& file : files) {
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
}

void TestParser::conformanceBodiesParse() {
    QFETCH(QString, file);
    try {
        const Config config = loadConfigFile(file.toStdString());
        QCOMPARE(config.headers.alias.value, std::string("alias"));
        QCOMPARE(config.headers.name->value, std::string("name"));
    } catch (const InputError& error) {
        QFAIL(error.what());
    }
}

QTEST_APPLESS_MAIN(TestParser)
#include "tst_parser.moc"

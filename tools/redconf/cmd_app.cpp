// SPDX-License-Identifier: Apache-2.0
// redconf app add|import|list|remove|menu: the applications of a node (tree/applications.h),
// desktop entries in BASE/applications that `redwrap --app` runs, and their entries in the
// user's desktop menu (tree/application_menu.h).
//   add     --redpath DIR --name NAME [--id ID] [--icon ICON] [--terminal]
//           [--categories 'A;B'] -- COMMAND [ARGS...]
//   import  --redpath DIR [--id ID] FILE.desktop   (a host application, as it is)
//   list    --redpath DIR [--json]
//   remove  --redpath DIR APP                       (and its menu entry)
//   menu    --redpath DIR APP --install|--remove
#include "command.h"
#include "redpak/base/diagnostic.h"
#include "redpak/base/safe_file.h"
#include "redpak/base/shell_words.h"
#include "redpak/base/text_escape.h"
#include "redpak/merge/merge.h"
#include "redpak/tree/application_menu.h"
#include "redpak/tree/applications.h"

#include <climits>
#include <unistd.h>
#include <utility>

namespace fs = std::filesystem;

namespace redconf {

namespace {

// The canonical directory of the node `dir`. Throws InputError when it is not a rednode.
fs::path nodeBase(const std::string& dir) {
    const auto node = redpak::locateNode(dir);
    if (!node) {
        redpak::failInput(dir, "not a rednode (no .rednode.yaml)");
    }
    return node->base;
}

std::vector<std::string> splitCategories(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text + ";") {
        if (c != ';') {
            current += c;
        } else if (!current.empty()) {
            out.push_back(std::exchange(current, {}));
        }
    }
    return out;
}

std::string requireOperand(const Arguments& args, const char* what) {
    if (args.operands().size() != 2) {
        throw UsageError(std::string("give ") + what);
    }
    return args.operands()[1];
}

int addApplication(const Arguments& args, const fs::path& base) {
    redpak::NewApplication application;
    application.name = args.value("--name").value_or("");
    if (application.name.empty()) {
        throw UsageError("--name NAME is required");
    }
    application.command.assign(args.operands().begin() + 1, args.operands().end());
    if (application.command.empty()) {
        throw UsageError("give the command after '--': redconf app add ... -- COMMAND [ARGS]");
    }
    application.icon = args.value("--icon").value_or("");
    application.terminal = args.has("--terminal");
    application.categories = splitCategories(args.value("--categories").value_or(""));
    const std::string id = args.value("--id").value_or(redpak::applicationIdFor(application.name));
    const fs::path file = redpak::applicationsDirectory(base) / (id + ".desktop");
    redpak::writeApplication(base, id, redpak::formatDesktopEntry(application, file.string()));
    print("added " + redpak::escapeText(id) + " (" + redpak::escapeText(file.string()) + ")\n");
    return 0;
}

int importApplication(const Arguments& args, const fs::path& base) {
    const fs::path source = requireOperand(args, "the desktop entry to import (FILE.desktop)");
    const std::string content = redpak::readLimitedFile(source, redpak::kMaxDesktopEntryBytes);
    redpak::DesktopEntry::parse(content, source.string());
    std::string id = source.filename().string();
    if (id.ends_with(redpak::kApplicationFileSuffix)) {
        id.resize(id.size() - redpak::kApplicationFileSuffix.size());
    }
    id = args.value("--id").value_or(id);
    redpak::writeApplication(base, id, content);
    print("imported " + redpak::escapeText(id) + " from " + redpak::escapeText(source.string()) +
          "\n");
    return 0;
}

std::vector<redpak::NodeApplication> applicationsOf(const fs::path& base) {
    return redpak::leafApplications(redpak::FamilySnapshot::open(base));
}

int listApplications(const Arguments& args, const fs::path& base) {
    const std::vector<redpak::NodeApplication> applications = applicationsOf(base);
    if (args.has("--json")) {
        print(redpak::formatApplicationsJson(applications));
        return 0;
    }
    for (const redpak::NodeApplication& application : applications) {
        print(redpak::escapeText(application.id) + "\t" +
              redpak::escapeText(application.entry.name()) + "\t" +
              redpak::escapeText(redpak::joinShellWords(application.entry.execTokens())) + "\n");
    }
    return 0;
}

// The redwrap next to this redconf (same installation), else the one on PATH.
std::string redwrapPath() {
    char self[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (length > 0) {
        const fs::path sibling =
            fs::path(std::string(self, static_cast<std::size_t>(length))).parent_path() / "redwrap";
        if (::access(sibling.c_str(), X_OK) == 0) {
            return sibling.string();
        }
    }
    return "redwrap";
}

// The node's alias, else its directory name: how the menu tells the node apart.
std::string nodeName(const redpak::FamilySnapshot& family) {
    const redpak::FamilyMember leaf = redpak::loadMember(family.leaf(), redpak::MergeMode::Normal);
    const std::string& alias = leaf.normal.headers.alias.value;
    return alias.empty() ? family.leaf().location.base.filename().string() : alias;
}

void reportRefresh(const fs::path& menuDir) {
    if (!redpak::refreshDesktopDatabase(menuDir)) {
        printError("redconf: note: update-desktop-database did not run; menus pick the change up "
                   "when they rescan " +
                   redpak::escapeText(menuDir.string()) + "\n");
    }
}

int menuApplication(const Arguments& args, const fs::path& base) {
    const std::string app = requireOperand(args, "the application (its ID or name)");
    if (args.has("--install") == args.has("--remove")) {
        throw UsageError("give one of --install and --remove");
    }
    const redpak::FamilySnapshot family = redpak::FamilySnapshot::open(base);
    const std::vector<redpak::NodeApplication> applications = redpak::leafApplications(family);
    const redpak::NodeApplication& application = redpak::findApplication(applications, app, base);
    const fs::path menuDir = redpak::userApplicationsDirectory();
    if (args.has("--install")) {
        const fs::path file = redpak::installMenuEntry(
            menuDir, {base, nodeName(family), &application, redwrapPath()});
        print("installed " + redpak::escapeText(file.string()) + "\n");
    } else if (redpak::removeMenuEntry(menuDir, base, application.id)) {
        print("removed the menu entry of " + redpak::escapeText(application.id) + "\n");
    } else {
        print(redpak::escapeText(application.id) + " had no menu entry\n");
    }
    reportRefresh(menuDir);
    return 0;
}

int removeApplication(const Arguments& args, const fs::path& base) {
    const std::string app = requireOperand(args, "the application (its ID or name)");
    const std::vector<redpak::NodeApplication> applications = applicationsOf(base);
    const std::string id = redpak::findApplication(applications, app, base).id;
    redpak::removeApplication(base, id);
    print("removed " + redpak::escapeText(id) + "\n");
    const fs::path menuDir = redpak::userApplicationsDirectory();
    if (redpak::removeMenuEntry(menuDir, base, id)) {
        print("removed its menu entry\n");
        reportRefresh(menuDir);
    }
    return 0;
}

int runApp(const Arguments& args) {
    const std::string action = args.operands().at(0);
    const auto redpath = args.value("--redpath");
    if (!redpath) {
        throw UsageError("--redpath DIR is required");
    }
    if (action != "add" && args.operands().size() > 2) {
        throw UsageError("unexpected argument '" + args.operands()[2] + "'");
    }
    const fs::path base = nodeBase(*redpath);
    if (action == "add") {
        return addApplication(args, base);
    }
    if (action == "import") {
        return importApplication(args, base);
    }
    if (action == "list") {
        return listApplications(args, base);
    }
    if (action == "remove") {
        return removeApplication(args, base);
    }
    if (action == "menu") {
        return menuApplication(args, base);
    }
    throw UsageError("unknown action '" + action + "' (add, import, list, remove or menu)");
}

} // namespace

extern const Command kAppCommand; // declared in main.cpp
const Command kAppCommand{
    "app",
    "add, import, list or remove a node's applications; put them in the desktop menu",
    "add|import|list|remove|menu [APP|FILE] [-- COMMAND [ARGS...]]",
    {
        {"--redpath", "DIR", "the node"},
        {"--name", "NAME", "add: the application's name"},
        {"--id", "ID", "add, import: the application's ID (default: from the name or file)"},
        {"--icon", "ICON", "add: an icon name or absolute path"},
        {"--terminal", "", "add: the application runs in a terminal"},
        {"--categories", "'A;B'", "add: menu categories (Desktop Menu Specification)"},
        {"--install", "", "menu: add the application to the user's desktop menu"},
        {"--remove", "", "menu: remove it from the menu"},
        {"--json", "", "list: JSON output"},
    },
    1,
    std::size_t(-1),
    runApp,
};

} // namespace redconf

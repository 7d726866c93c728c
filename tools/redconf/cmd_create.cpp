// SPDX-License-Identifier: Apache-2.0
// redconf create [--alias A] [--config FILE] [--config-adm FILE] [--template NAME] [--update] DIR
#include "command.h"
#include "redpak/base/text_escape.h"
#include "redpak/tree/create.h"

namespace redconf {

namespace {

int runCreate(const Arguments& args) {
    redpak::CreateOptions options;
    options.dir = args.operands().front();
    options.alias = args.value("--alias");
    if (const auto file = args.value("--config")) {
        options.normalConfig = *file;
    }
    if (const auto file = args.value("--config-adm")) {
        options.adminConfig = *file;
    }
    if (const auto name = args.value("--template")) {
        if (options.normalConfig && options.adminConfig) {
            throw UsageError("--template is not used when both --config and --config-adm are "
                             "given");
        }
        options.templateName = *name;
    }
    options.update = args.has("--update");
    const redpak::CreatedNode node = redpak::createNode(options);
    print(std::string(options.update ? "updated" : "created") + " rednode '" +
          redpak::escapeText(node.normal.headers.alias.value) + "' in " +
          redpak::escapeText(node.location.base.string()) + "\n");
    return 0;
}

} // namespace

extern const Command kCreateCommand; // declared in main.cpp
const Command kCreateCommand{
    "create",
    "create a rednode: status file and configs from a template (default leaf) or given files",
    "DIR",
    {
        {"--alias", "A", "alias of the node (default: the directory name)"},
        {"--config", "FILE", "use FILE as the normal config (etc/redpak.yaml)"},
        {"--config-adm", "FILE", "use FILE as the admin config (etc/redpak-admin.yaml)"},
        {"--template", "NAME", "template when no file is given: root, leaf, full"},
        {"--update", "", "rewrite the configs of an existing node (keeps status and name)"},
    },
    1,
    1,
    runCreate,
};

} // namespace redconf

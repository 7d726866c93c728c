<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../qml/dialogs/AboutDialog.qml" line="10"/>
        <source>About RedPak Manager</source>
        <translation>À propos de RedPak Manager</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/AboutDialog.qml" line="26"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/AboutDialog.qml" line="29"/>
        <source>Browse, edit, review and launch rednodes: light containers made with bubblewrap, configured by trees of YAML files.</source>
        <translation>Parcourir, modifier, auditer et lancer des rednodes : des conteneurs légers faits avec bubblewrap, configurés par des arbres de fichiers YAML.</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/AboutDialog.qml" line="35"/>
        <source>Licensed under the Apache License, version 2.0 (Apache-2.0). &lt;a href=&quot;%1&quot;&gt;Read the licence&lt;/a&gt;.</source>
        <translation>Distribué sous la licence Apache, version 2.0 (Apache-2.0). &lt;a href=&quot;%1&quot;&gt;Lire la licence&lt;/a&gt;.</translation>
    </message>
</context>
<context>
    <name>AppMenuBar</name>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="32"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="34"/>
        <source>&amp;Open tree…</source>
        <translation>&amp;Ouvrir un arbre…</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="45"/>
        <source>&amp;Save…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="53"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="59"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="61"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="62"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Annuler %1</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="68"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="69"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Rétablir %1</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="76"/>
        <source>&amp;Find node…</source>
        <translation>&amp;Chercher un nœud…</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="82"/>
        <source>&amp;Node</source>
        <translation>&amp;Nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="84"/>
        <source>&amp;New node…</source>
        <translation>&amp;Nouveau nœud…</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="91"/>
        <source>&amp;Delete node…</source>
        <translation>&amp;Supprimer le nœud…</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="98"/>
        <source>&amp;Launch</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="106"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="108"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="131"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../qml/components/AppMenuBar.qml" line="134"/>
        <source>&amp;About RedPak Manager</source>
        <translation>À &amp;propos de RedPak Manager</translation>
    </message>
</context>
<context>
    <name>ApplicationsPage</name>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="26"/>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="32"/>
        <source>Sandbox an application...</source>
        <translation>Isoler une application…</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="61"/>
        <source>Applications of the node</source>
        <translation>Applications du nœud</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="96"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="101"/>
        <source>In menu</source>
        <translation>Dans le menu</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="103"/>
        <source>Show %1 in the desktop menu, sandboxed in this node</source>
        <translation>Afficher %1 dans le menu du bureau, isolée dans ce nœud</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="108"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="108"/>
        <source>Launch</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="110"/>
        <source>Stop %1</source>
        <translation>Arrêter %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="110"/>
        <source>Launch %1</source>
        <translation>Lancer %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="120"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="122"/>
        <source>Remove %1 from the node</source>
        <translation>Supprimer %1 du nœud</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="48"/>
        <source>No application in this node yet.</source>
        <translation>Aucune application dans ce nœud pour l’instant.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="34"/>
        <source>Run a host application or a command in a node, a new one by default</source>
        <translation>Exécuter une application de l’hôte ou une commande dans un nœud, un nouveau par défaut</translation>
    </message>
    <message>
        <location filename="../qml/pages/ApplicationsPage.qml" line="49"/>
        <source>Select a node, or sandbox an application in a new node of its own.</source>
        <translation>Sélectionnez un nœud, ou isolez une application dans un nouveau nœud rien qu’à elle.</translation>
    </message>
</context>
<context>
    <name>CapabilitiesSection</name>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="22"/>
        <source>Capabilities</source>
        <translation>Capacités</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="23"/>
        <source>A child can never add a capability a parent dropped. Keep CAP_SYS_ADMIN dropped.</source>
        <translation>Un enfant ne peut jamais ajouter une capacité qu’un parent a retirée. Gardez CAP_SYS_ADMIN retirée.</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="24"/>
        <source>Add capability</source>
        <translation>Ajouter une capacité</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="50"/>
        <source>Capability</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="55"/>
        <source>drop</source>
        <translation>retirer</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="55"/>
        <source>add</source>
        <translation>ajouter</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="57"/>
        <source>Add or drop %1</source>
        <translation>Ajouter ou retirer %1</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="63"/>
        <source>Remove %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <location filename="../qml/components/CapabilitiesSection.qml" line="79"/>
        <source>No capability is set by this file.</source>
        <translation>Ce fichier ne définit aucune capacité.</translation>
    </message>
</context>
<context>
    <name>CgroupsSection</name>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="22"/>
        <source>Cgroup limits</source>
        <translation>Limites cgroup</translation>
    </message>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="23"/>
        <source>Add limit</source>
        <translation>Ajouter une limite</translation>
    </message>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="50"/>
        <source>Controller</source>
        <translation>Contrôleur</translation>
    </message>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="58"/>
        <source>Limit</source>
        <translation>Limite</translation>
    </message>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="65"/>
        <source>Value of %1</source>
        <translation>Valeur de %1</translation>
    </message>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="70"/>
        <source>Remove the limit %1</source>
        <translation>Supprimer la limite %1</translation>
    </message>
    <message>
        <location filename="../qml/components/CgroupsSection.qml" line="86"/>
        <source>No cgroup limit is set by this file.</source>
        <translation>Ce fichier ne définit aucune limite cgroup.</translation>
    </message>
</context>
<context>
    <name>ConfigEditorPage</name>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="193"/>
        <source>Select a node in the tree to edit its configuration.</source>
        <translation>Sélectionnez un nœud dans l’arbre pour modifier sa configuration.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="28"/>
        <source>No node selected</source>
        <translation>Aucun nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="37"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="43"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="55"/>
        <source>Normal configuration</source>
        <translation>Configuration normale</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="56"/>
        <source>Edit etc/redpak.yaml</source>
        <translation>Modifier etc/redpak.yaml</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="59"/>
        <source>Admin configuration</source>
        <translation>Configuration d’administration</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="60"/>
        <source>Edit etc/redpak-admin.yaml</source>
        <translation>Modifier etc/redpak-admin.yaml</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="79"/>
        <source>This file changed on disk while you were editing it.</source>
        <translation>Ce fichier a été modifié sur le disque pendant que vous l’éditiez.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="80"/>
        <source>Keep my version</source>
        <translation>Garder ma version</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="81"/>
        <source>Load the file from disk</source>
        <translation>Charger le fichier du disque</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="96"/>
        <source>Line %1, column %2: %3</source>
        <translation>Ligne %1, colonne %2 : %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="98"/>
        <source>Show in YAML</source>
        <translation>Afficher dans le YAML</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="109"/>
        <source>With this text the node cannot be launched: its parent nodes forbid it.</source>
        <translation>Avec ce texte, le nœud ne peut pas être lancé : ses nœuds parents l’interdisent.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="117"/>
        <source>New warnings against the parent nodes:</source>
        <translation>Nouveaux avertissements par rapport aux nœuds parents :</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="125"/>
        <source>Cannot save: these fields hold values that were refused. Correct them or remove the key.</source>
        <translation>Enregistrement impossible : ces champs contiennent des valeurs refusées. Corrigez-les ou supprimez la clé.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="133"/>
        <source>This node has no admin configuration. Settings in an admin file take precedence and cannot be overridden by children.</source>
        <translation>Ce nœud n’a pas de configuration d’administration. Les réglages d’un fichier d’administration priment et ne peuvent pas être remplacés par les enfants.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="135"/>
        <source>Create it</source>
        <translation>La créer</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="147"/>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="148"/>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <location filename="../qml/pages/ConfigEditorPage.qml" line="171"/>
        <source>The form is read-only until the YAML text parses again.</source>
        <translation>Le formulaire est en lecture seule tant que le texte YAML n’est pas de nouveau valide.</translation>
    </message>
</context>
<context>
    <name>CreateNodeDialog</name>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="22"/>
        <source>New node</source>
        <translation>Nouveau nœud</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="38"/>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="43"/>
        <source>Parent directory</source>
        <translation>Répertoire parent</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="46"/>
        <source>Alias (also the directory name)</source>
        <translation>Alias (aussi le nom du répertoire)</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="53"/>
        <source>Alias of the new node</source>
        <translation>Alias du nouveau nœud</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="65"/>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="70"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="74"/>
        <source>Will create %1</source>
        <translation>Créera %1</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="92"/>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/CreateNodeDialog.qml" line="99"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DeleteNodeDialog</name>
    <message>
        <location filename="../qml/dialogs/DeleteNodeDialog.qml" line="20"/>
        <source>Delete node</source>
        <translation>Supprimer le nœud</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/DeleteNodeDialog.qml" line="34"/>
        <source>Delete %1 and everything in its directory? This cannot be undone.</source>
        <translation>Supprimer %1 et tout le contenu de son répertoire ? Cette action est irréversible.</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/DeleteNodeDialog.qml" line="49"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/DeleteNodeDialog.qml" line="55"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>EffectiveConfigPage</name>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="29"/>
        <source>The merged configuration of the selected node, with the origin of every item, appears here.</source>
        <translation>La configuration fusionnée du nœud sélectionné, avec l’origine de chaque élément, s’affiche ici.</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="47"/>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="49"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="49"/>
        <source>Admin</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="51"/>
        <source>Merge mode</source>
        <translation>Mode de fusion</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="66"/>
        <source>This node cannot be launched:</source>
        <translation>Ce nœud ne peut pas être lancé :</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="75"/>
        <source>%n merge warning(s): items marked ! were redefined by a child.</source>
        <translation>
            <numerusform>%n avertissement de fusion : les éléments marqués ! ont été redéfinis par un enfant.</numerusform>
            <numerusform>%n avertissements de fusion : les éléments marqués ! ont été redéfinis par un enfant.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="77"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="77"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="96"/>
        <source>Effective configuration</source>
        <translation>Configuration effective</translation>
    </message>
    <message>
        <location filename="../qml/pages/EffectiveConfigPage.qml" line="122"/>
        <source>Nothing is set for this node.</source>
        <translation>Rien n’est défini pour ce nœud.</translation>
    </message>
</context>
<context>
    <name>EffectiveDelegate</name>
    <message>
        <location filename="../qml/components/EffectiveDelegate.qml" line="28"/>
        <source>%1: %2, from %3</source>
        <translation>%1 : %2, de %3</translation>
    </message>
    <message>
        <location filename="../qml/components/EffectiveDelegate.qml" line="63"/>
        <source>overrides %1 from %2</source>
        <translation>remplace %1 de %2</translation>
    </message>
</context>
<context>
    <name>EnvironSection</name>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="22"/>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="23"/>
        <source>Default expands $TAGS, Static keeps the text, Execfd runs a command, Remove unsets the variable, Inherit takes it from the launcher.</source>
        <translation>Default développe les $TAGS, Static garde le texte tel quel, Execfd exécute une commande, Remove supprime la variable, Inherit la reprend du lanceur.</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="25"/>
        <source>Add variable</source>
        <translation>Ajouter une variable</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="58"/>
        <source>Variable name</source>
        <translation>Nom de la variable</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="65"/>
        <source>Mode of %1</source>
        <translation>Mode de %1</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="72"/>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="72"/>
        <source>no value for this mode</source>
        <translation>pas de valeur pour ce mode</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="74"/>
        <source>Value of %1</source>
        <translation>Valeur de %1</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="79"/>
        <source>Remove %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <location filename="../qml/components/EnvironSection.qml" line="107"/>
        <source>No variable is set by this file.</source>
        <translation>Ce fichier ne définit aucune variable.</translation>
    </message>
</context>
<context>
    <name>ExportsSection</name>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="23"/>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="24"/>
        <source>Restricted mounts read-only, Public read-write; Private modes apply only when this node is launched itself. Without a host path the mount point is used.</source>
        <translation>Restricted monte en lecture seule, Public en lecture-écriture ; les modes Private ne s’appliquent que si ce nœud est lui-même lancé. Sans chemin hôte, le point de montage est utilisé.</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="27"/>
        <source>Add export</source>
        <translation>Ajouter un export</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="60"/>
        <source>Mode of %1</source>
        <translation>Mode de %1</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="68"/>
        <source>mount point in the node</source>
        <translation>point de montage dans le nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="70"/>
        <source>Mount point</source>
        <translation>Point de montage</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="79"/>
        <source>not used by this mode</source>
        <translation>non utilisé par ce mode</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="80"/>
        <source>host path (required)</source>
        <translation>chemin hôte (obligatoire)</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="81"/>
        <source>host path (default: same)</source>
        <translation>chemin hôte (par défaut : identique)</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="83"/>
        <source>Host path for %1</source>
        <translation>Chemin hôte pour %1</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="88"/>
        <source>Remove the export %1</source>
        <translation>Supprimer l’export %1</translation>
    </message>
    <message>
        <location filename="../qml/components/ExportsSection.qml" line="116"/>
        <source>Nothing is exported by this file.</source>
        <translation>Ce fichier n’exporte rien.</translation>
    </message>
</context>
<context>
    <name>FamilyMessages</name>
    <message>
        <location filename="../qml/components/FamilyMessages.qml" line="21"/>
        <source>Against the parent nodes: %1</source>
        <translation>Par rapport aux nœuds parents : %1</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="21"/>
        <source>approved</source>
        <translation>approuvé</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="22"/>
        <source>changed since approval</source>
        <translation>modifié depuis l’approbation</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="23"/>
        <source>never approved</source>
        <translation>jamais approuvé</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="24"/>
        <source>audit record damaged</source>
        <translation>enregistrement d’audit endommagé</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="36"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="37"/>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="39"/>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="47"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="65"/>
        <source>by %1 at %2</source>
        <translation>par %1 le %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="71"/>
        <source>Exposure score: %1</source>
        <translation>Score d’exposition : %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="84"/>
        <source>Since its approval the node cannot be launched any more:</source>
        <translation>Depuis son approbation, le nœud ne peut plus être lancé :</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="100"/>
        <source>Why this configuration is approved</source>
        <translation>Pourquoi cette configuration est approuvée</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="101"/>
        <source>Approval comment</source>
        <translation>Commentaire d’approbation</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="105"/>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="105"/>
        <source>Approving…</source>
        <translation>Approbation…</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="112"/>
        <source>Hide drift</source>
        <translation>Masquer les écarts</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="112"/>
        <source>Show drift</source>
        <translation>Afficher les écarts</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="127"/>
        <source>Merge errors:</source>
        <translation>Erreurs de fusion :</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="130"/>
        <source>Drift from the approved version</source>
        <translation>Écarts par rapport à la version approuvée</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="147"/>
        <source>Findings (score %1)</source>
        <translation>Constats (score %1)</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="150"/>
        <source>Whole tree</source>
        <translation>Arbre entier</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="159"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="159"/>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="159"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="160"/>
        <source>Minimum severity</source>
        <translation>Gravité minimale</translation>
    </message>
    <message>
        <location filename="../qml/pages/FindingsPage.qml" line="176"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
</context>
<context>
    <name>HeadersSection</name>
    <message>
        <location filename="../qml/components/HeadersSection.qml" line="23"/>
        <source>Headers</source>
        <translation>En-têtes</translation>
    </message>
    <message>
        <location filename="../qml/components/HeadersSection.qml" line="34"/>
        <location filename="../qml/components/HeadersSection.qml" line="40"/>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../qml/components/HeadersSection.qml" line="51"/>
        <location filename="../qml/components/HeadersSection.qml" line="57"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/components/HeadersSection.qml" line="55"/>
        <source>identifier set at creation</source>
        <translation>identifiant fixé à la création</translation>
    </message>
    <message>
        <location filename="../qml/components/HeadersSection.qml" line="60"/>
        <location filename="../qml/components/HeadersSection.qml" line="65"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>LaunchPage</name>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="40"/>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="49"/>
        <source>Command to run in the node</source>
        <translation>Commande à exécuter dans le nœud</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="56"/>
        <source>Admin mode</source>
        <translation>Mode administration</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="57"/>
        <source>Merge the admin configurations too</source>
        <translation>Fusionner aussi les configurations d’administration</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="62"/>
        <source>Dry run</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="64"/>
        <source>Show the bwrap command line without launching</source>
        <translation>Afficher la ligne de commande bwrap sans lancer</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="69"/>
        <source>Launch</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="72"/>
        <source>Run the command in the selected node</source>
        <translation>Exécuter la commande dans le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="90"/>
        <source>bwrap command line of %1 (dry run)</source>
        <translation>Ligne de commande bwrap de %1 (simulation)</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="102"/>
        <source>bwrap command line</source>
        <translation>Ligne de commande bwrap</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="108"/>
        <location filename="../qml/pages/LaunchPage.qml" line="118"/>
        <source>Launches</source>
        <translation>Lancements</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="155"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="157"/>
        <source>Stop %1</source>
        <translation>Arrêter %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="170"/>
        <source>Last error messages of %1</source>
        <translation>Derniers messages d’erreur de %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="196"/>
        <source>Nothing launched yet.</source>
        <translation>Aucun lancement pour l’instant.</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="212"/>
        <source>Output of the selected launch</source>
        <translation>Sortie du lancement sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="222"/>
        <source>Type a line for the command&apos;s input and press Enter</source>
        <translation>Tapez une ligne pour l’entrée de la commande et appuyez sur Entrée</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="224"/>
        <source>Input for the selected launch</source>
        <translation>Entrée du lancement sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/pages/LaunchPage.qml" line="234"/>
        <source>Clear finished</source>
        <translation>Effacer les terminés</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="36"/>
        <source>Audit and findings</source>
        <translation>Audit et constats</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="382"/>
        <source>Review before saving</source>
        <translation>Revue avant enregistrement</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="23"/>
        <source>RedPak Manager</source>
        <translation>RedPak Manager</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="24"/>
        <source>%1 – RedPak Manager</source>
        <translation>%1 – RedPak Manager</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="136"/>
        <location filename="../qml/Main.qml" line="205"/>
        <source>Open tree…</source>
        <translation>Ouvrir un arbre…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="137"/>
        <source>Open a directory of nodes</source>
        <translation>Ouvrir un répertoire de nœuds</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="141"/>
        <source>New node…</source>
        <translation>Nouveau nœud…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="142"/>
        <source>Create a node below the selected one</source>
        <translation>Créer un nœud sous le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="147"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="148"/>
        <source>Delete the selected node</source>
        <translation>Supprimer le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="153"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="154"/>
        <source>Reload the node tree from disk</source>
        <translation>Relire l’arbre des nœuds depuis le disque</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="160"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="161"/>
        <source>Save the configuration file</source>
        <translation>Enregistrer le fichier de configuration</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="166"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="167"/>
        <source>Undo %1</source>
        <translation>Annuler : %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="172"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="173"/>
        <source>Redo %1</source>
        <translation>Rétablir : %1</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="35"/>
        <location filename="../qml/Main.qml" line="179"/>
        <source>Launch</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="180"/>
        <source>Run the command in the selected node</source>
        <translation>Exécuter la commande dans le nœud sélectionné</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="219"/>
        <source>Open a tree of nodes</source>
        <translation>Ouvrir un arbre de nœuds</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="35"/>
        <source>Effective configuration</source>
        <translation>Configuration effective</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="303"/>
        <source>Launch (%1 running)</source>
        <translation>Lancer (%1 en cours)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="36"/>
        <source>Applications</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="37"/>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Main.qml" line="334"/>
        <source>%n node(s) in %1</source>
        <translation>
            <numerusform>%n nœud dans %1</numerusform>
            <numerusform>%n nœuds dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="341"/>
        <source>System node: changes go through the privileged helper</source>
        <translation>Nœud système : les modifications passent par l’assistant privilégié</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="204"/>
        <source>Recent trees</source>
        <translation>Arbres récents</translation>
    </message>
</context>
<context>
    <name>NodeTreeDelegate</name>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="58"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="60"/>
        <source>A command launched from here is running in this node</source>
        <translation>Une commande lancée d’ici s’exécute dans ce nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="78"/>
        <source>unaudited</source>
        <translation>non audité</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="80"/>
        <source>The configuration changed since it was last approved</source>
        <translation>La configuration a changé depuis sa dernière approbation</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="84"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="86"/>
        <source>This node has an administrative configuration</source>
        <translation>Ce nœud a une configuration d’administration</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="90"/>
        <source>system</source>
        <translation>système</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="92"/>
        <source>System node: edited and launched through the privileged helper</source>
        <translation>Nœud système : modifié et lancé via l’assistant privilégié</translation>
    </message>
    <message>
        <location filename="../qml/components/NodeTreeDelegate.qml" line="98"/>
        <source>This node is disabled</source>
        <translation>Ce nœud est désactivé</translation>
    </message>
</context>
<context>
    <name>NodeTreePane</name>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="112"/>
        <source>Checking nodes: %1 of %2</source>
        <translation>Vérification des nœuds : %1 sur %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="86"/>
        <source>Search names and values…</source>
        <translation>Rechercher noms et valeurs…</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="87"/>
        <source>Search nodes by name or configuration value</source>
        <translation>Chercher des nœuds par nom ou valeur de configuration</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/NodeTreePane.qml" line="121"/>
        <source>%n matching node(s)</source>
        <translation>
            <numerusform>%n nœud correspondant</numerusform>
            <numerusform>%n nœuds correspondants</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="135"/>
        <source>Node tree</source>
        <translation>Arbre des nœuds</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="178"/>
        <source>No rednode was found in the opened roots. Use “New node…” to create one.</source>
        <translation>Aucun rednode dans les racines ouvertes. Utilisez « Nouveau nœud… » pour en créer un.</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="217"/>
        <source>New node below…</source>
        <translation>Nouveau nœud en dessous…</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="222"/>
        <source>Launch</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="228"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="177"/>
        <source>No tree is open.</source>
        <translation>Aucun arbre n’est ouvert.</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="187"/>
        <source>Open tree…</source>
        <translation>Ouvrir un arbre…</translation>
    </message>
    <message>
        <location filename="../qml/pages/NodeTreePane.qml" line="199"/>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
</context>
<context>
    <name>QuitDialog</name>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="28"/>
        <source>Quit RedPak Manager?</source>
        <translation>Quitter RedPak Manager ?</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="55"/>
        <source>The configuration of %1 has unsaved changes.</source>
        <translation>La configuration de %1 a des modifications non enregistrées.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/dialogs/QuitDialog.qml" line="61"/>
        <source>%n launch(es) still running:</source>
        <translation>
            <numerusform>%n lancement toujours en cours :</numerusform>
            <numerusform>%n lancements toujours en cours :</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="70"/>
        <source>%1 in %2: %3</source>
        <translation>%1 dans %2 : %3</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="71"/>
        <source>keeps running</source>
        <translation>continue de tourner</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="72"/>
        <source>stopped when you quit</source>
        <translation>arrêté en quittant</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="85"/>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="93"/>
        <source>Discard and quit</source>
        <translation>Abandonner et quitter</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="93"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/QuitDialog.qml" line="99"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>RecentTreesMenu</name>
    <message>
        <location filename="../qml/components/RecentTreesMenu.qml" line="13"/>
        <source>Open Recent</source>
        <translation>Ouvrir un arbre récent</translation>
    </message>
    <message>
        <location filename="../qml/components/RecentTreesMenu.qml" line="29"/>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="29"/>
        <source>widening</source>
        <translation>élargissement</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="30"/>
        <source>narrowing</source>
        <translation>restriction</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="32"/>
        <source>neutral</source>
        <translation>neutre</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="36"/>
        <source>added</source>
        <translation>ajouté</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="37"/>
        <source>removed</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="39"/>
        <source>modified</source>
        <translation>modifié</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ReviewPage.qml" line="55"/>
        <source>%n merge error(s): the node cannot be launched after this change. </source>
        <translation>
            <numerusform>%n erreur de fusion : le nœud ne peut plus être lancé après cette modification. </numerusform>
            <numerusform>%n erreurs de fusion : le nœud ne peut plus être lancé après cette modification. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ReviewPage.qml" line="57"/>
        <source>%1 widening, %2 narrowing, %3 neutral in %n node(s)</source>
        <translation>
            <numerusform>%1 élargissement(s), %2 restriction(s), %3 neutre(s) dans %n nœud</numerusform>
            <numerusform>%1 élargissement(s), %2 restriction(s), %3 neutre(s) dans %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="66"/>
        <source>Exposure score in admin mode: %1 → %2</source>
        <translation>Score d’exposition en mode administration : %1 → %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="67"/>
        <source>Exposure score: %1 → %2</source>
        <translation>Score d’exposition : %1 → %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="78"/>
        <source>Admin file: nodes are compared as launched in admin mode (redwrap --admin), the only mode that reads admin files.</source>
        <translation>Fichier d’administration : les nœuds sont comparés tels que lancés en mode administration (redwrap --admin), le seul mode qui lit les fichiers d’administration.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="90"/>
        <source>After this change these nodes could not be launched any more:</source>
        <translation>Après cette modification, ces nœuds ne pourraient plus être lancés :</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="102"/>
        <source>New merge warnings:</source>
        <translation>Nouveaux avertissements de fusion :</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="111"/>
        <source>This change does not change what any node can do.</source>
        <translation>Cette modification ne change ce que peut faire aucun nœud.</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="122"/>
        <source>Changes, widening first</source>
        <translation>Modifications, élargissements en premier</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="155"/>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="171"/>
        <source>Score of %1: %2</source>
        <translation>Score de %1 : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ReviewPage.qml" line="17"/>
        <source>Save with %n merge error(s)</source>
        <translation>
            <numerusform>Enregistrer avec %n erreur de fusion</numerusform>
            <numerusform>Enregistrer avec %n erreurs de fusion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ReviewPage.qml" line="19"/>
        <source>Save with %n widening change(s)</source>
        <translation>
            <numerusform>Enregistrer avec %n élargissement</numerusform>
            <numerusform>Enregistrer avec %n élargissements</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="20"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="22"/>
        <source>Back to editing</source>
        <translation>Revenir à l’édition</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="104"/>
        <source>Show fewer</source>
        <translation>Afficher moins</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReviewPage.qml" line="105"/>
        <source>Show all %1</source>
        <translation>Afficher les %1</translation>
    </message>
</context>
<context>
    <name>SandboxApplicationDialog</name>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="68"/>
        <source>Installed application</source>
        <translation>Application installée</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="69"/>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="128"/>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="80"/>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="81"/>
        <source>Search the installed applications</source>
        <translation>Rechercher dans les applications installées</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="93"/>
        <source>Installed applications</source>
        <translation>Applications installées</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="113"/>
        <source>No installed application matches.</source>
        <translation>Aucune application installée ne correspond.</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="121"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="126"/>
        <source>Name of the application</source>
        <translation>Nom de l’application</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="134"/>
        <source>for example: sh -c &apos;echo hello&apos;</source>
        <translation>par exemple : sh -c &apos;echo bonjour&apos;</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="135"/>
        <source>Command of the application, with shell quoting</source>
        <translation>Commande de l’application, avec les guillemets du shell</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="140"/>
        <source>Runs in a terminal</source>
        <translation>S’exécute dans un terminal</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="193"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="51"/>
        <source>Sandbox an application</source>
        <translation>Isoler une application</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="52"/>
        <source>Sandbox %1</source>
        <translation>Isoler %1</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="150"/>
        <source>Runs %1 in %2</source>
        <translation>Exécute %1 dans %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="172"/>
        <source>Sandbox with %n widening change(s)</source>
        <translation>
            <numerusform>Isoler avec %n élargissement</numerusform>
            <numerusform>Isoler avec %n élargissements</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="173"/>
        <source>Sandbox</source>
        <translation>Isoler</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="174"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SandboxApplicationDialog.qml" line="187"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
</context>
<context>
    <name>SandboxTargetForm</name>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="20"/>
        <source>A new node of its own</source>
        <translation>Un nouveau nœud rien qu’à elle</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="31"/>
        <source>Below</source>
        <translation>Sous</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="38"/>
        <source>Parent of the new node</source>
        <translation>Parent du nouveau nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="41"/>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="47"/>
        <source>Alias of the new node</source>
        <translation>Alias du nouveau nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="50"/>
        <source>Preset</source>
        <translation>Préréglage</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="56"/>
        <source>Template of the new node</source>
        <translation>Modèle du nouveau nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="63"/>
        <source>The selected node, %1</source>
        <translation>Le nœud sélectionné, %1</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="70"/>
        <source>Another node</source>
        <translation>Un autre nœud</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="82"/>
        <source>Node of the application</source>
        <translation>Nœud de l’application</translation>
    </message>
    <message>
        <location filename="../qml/components/SandboxTargetForm.qml" line="95"/>
        <source>Add it to the desktop menu</source>
        <translation>L’ajouter au menu du bureau</translation>
    </message>
</context>
<context>
    <name>SettingDelegate</name>
    <message>
        <location filename="../qml/components/SettingDelegate.qml" line="64"/>
        <source>(not set)</source>
        <translation>(non défini)</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingDelegate.qml" line="65"/>
        <source>join a namespace…</source>
        <translation>rejoindre un espace de noms…</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingDelegate.qml" line="81"/>
        <source>Namespace to join for %1</source>
        <translation>Espace de noms à rejoindre pour %1</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingDelegate.qml" line="88"/>
        <source>not set</source>
        <translation>non défini</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingDelegate.qml" line="97"/>
        <location filename="../qml/components/SettingDelegate.qml" line="99"/>
        <source>Remove %1 from this file</source>
        <translation>Retirer %1 de ce fichier</translation>
    </message>
</context>
<context>
    <name>SettingsModel</name>
    <message>
        <location filename="../app/configsettings.cpp" line="16"/>
        <source>Namespaces</source>
        <translation>Espaces de noms</translation>
    </message>
    <message>
        <location filename="../app/configsettings.cpp" line="18"/>
        <source>Process</source>
        <translation>Processus</translation>
    </message>
    <message>
        <location filename="../app/configsettings.cpp" line="20"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location filename="../app/configsettings.cpp" line="22"/>
        <source>Paths</source>
        <translation>Chemins</translation>
    </message>
    <message>
        <location filename="../app/configsettings.cpp" line="26"/>
        <source>Package manager</source>
        <translation>Gestionnaire de paquets</translation>
    </message>
</context>
<context>
    <name>SettingsSection</name>
    <message>
        <location filename="../qml/components/SettingsSection.qml" line="25"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingsSection.qml" line="26"/>
        <source>Unset keys inherit from the parent nodes. Sharings: enabled shares the host namespace, disabled creates a new one, a path joins an existing one.</source>
        <translation>Les clés non définies sont héritées des nœuds parents. Partages : enabled partage l’espace de noms de l’hôte, disabled en crée un nouveau, un chemin rejoint un espace existant.</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingsSection.qml" line="33"/>
        <source>Show all keys (%1 set in this file)</source>
        <translation>Afficher toutes les clés (%1 définies dans ce fichier)</translation>
    </message>
</context>
<context>
    <name>UnsavedChangesDialog</name>
    <message>
        <location filename="../qml/dialogs/UnsavedChangesDialog.qml" line="18"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/UnsavedChangesDialog.qml" line="37"/>
        <source>The configuration of this node has unsaved changes. Save them before opening another node?</source>
        <translation>La configuration de ce nœud a des modifications non enregistrées. Les enregistrer avant d’ouvrir un autre nœud ?</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/UnsavedChangesDialog.qml" line="43"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/UnsavedChangesDialog.qml" line="51"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/UnsavedChangesDialog.qml" line="60"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="24"/>
        <source>Runs a probe in the node through the same launch as any command, then checks what the node really gets against its plan and configuration.</source>
        <translation>Lance une sonde dans le nœud par le même lancement que toute commande, puis compare ce que le nœud obtient réellement avec son plan et sa configuration.</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="30"/>
        <source>Admin mode</source>
        <translation>Mode administration</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="31"/>
        <source>Merge the admin configurations too</source>
        <translation>Fusionner aussi les configurations d’administration</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="42"/>
        <source>Preparing the launch…</source>
        <translation>Préparation du lancement…</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="43"/>
        <source>Probing the node…</source>
        <translation>Sondage du nœud…</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="48"/>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="51"/>
        <source>Launch the probe in the selected node and check what it sees</source>
        <translation>Lancer la sonde dans le nœud sélectionné et vérifier ce qu’elle voit</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="61"/>
        <source>The node could not be verified: %1</source>
        <translation>Le nœud n’a pas pu être vérifié : %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="68"/>
        <source>A system node is verified with “sudo redconf verify --redpath %1”. The checks compare the node with the identity, capabilities and namespaces of the process that launches it; system nodes are launched by the privileged helper, which does not report its own.</source>
        <translation>Un nœud système se vérifie avec « sudo redconf verify --redpath %1 ». Les contrôles comparent le nœud avec l’identité, les capacités et les espaces de noms du processus qui le lance ; les nœuds système sont lancés par l’assistant privilégié, qui ne communique pas les siens.</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="74"/>
        <source>%1 passed, %2 failed, %3 not observable</source>
        <translation>%1 réussis, %2 échoués, %3 non observables</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="85"/>
        <source>Finding %1 (%2) is contradicted by runtime: it says %3, the check %4 saw %5.</source>
        <translation>Le constat %1 (%2) est contredit à l’exécution : il indique %3, le contrôle %4 a vu %5.</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="98"/>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="115"/>
        <source>all passed</source>
        <translation>tous réussis</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="115"/>
        <source>not all passed</source>
        <translation>pas tous réussis</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="158"/>
        <source>expected %1, seen %2</source>
        <translation>attendu %1, vu %2</translation>
    </message>
    <message>
        <location filename="../qml/pages/VerifyPage.qml" line="164"/>
        <source>Not verified yet.</source>
        <translation>Pas encore vérifié.</translation>
    </message>
</context>
<context>
    <name>WhyPanel</name>
    <message>
        <location filename="../qml/components/WhyPanel.qml" line="24"/>
        <source>Why?</source>
        <translation>Pourquoi ?</translation>
    </message>
    <message>
        <location filename="../qml/components/WhyPanel.qml" line="24"/>
        <source>Why: %1</source>
        <translation>Pourquoi : %1</translation>
    </message>
    <message>
        <location filename="../qml/components/WhyPanel.qml" line="30"/>
        <source>Select an item above to see the definitions that produced it.</source>
        <translation>Sélectionnez un élément ci-dessus pour voir les définitions qui l’ont produit.</translation>
    </message>
    <message>
        <location filename="../qml/components/WhyPanel.qml" line="48"/>
        <source>Definitions of the selected item</source>
        <translation>Définitions de l’élément sélectionné</translation>
    </message>
</context>
<context>
    <name>YamlEditor</name>
    <message>
        <location filename="../qml/components/YamlEditor.qml" line="64"/>
        <source>YAML text of %1</source>
        <translation>Texte YAML de %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="93"/>
        <source>Print as JSON the time to the first frame, to the tree inspected and to a leaf&apos;s change shown, and exit.</source>
        <translation>Afficher en JSON le temps jusqu’à la première image, jusqu’à l’arbre inspecté et jusqu’à l’affichage du changement d’une feuille, puis quitter.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="77"/>
        <source>Browse, edit, review and launch rednodes.</source>
        <translation>Parcourir, modifier, auditer et lancer des rednodes.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="82"/>
        <source>Open the node root DIR (repeatable).</source>
        <translation>Ouvrir la racine de nœuds RÉP (répétable).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="85"/>
        <source>Select the node DIR.</source>
        <translation>Sélectionner le nœud RÉP.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="89"/>
        <source>Render the main window to FILE (PNG) and exit.</source>
        <translation>Rendre la fenêtre principale dans FICHIER (PNG) et quitter.</translation>
    </message>
</context>
<context>
    <name>redpak::gui::AuditController</name>
    <message>
        <location filename="../app/audit/auditcontroller.cpp" line="135"/>
        <source>Cannot approve %1: it is not in an opened node root.</source>
        <translation>Impossible d’approuver %1 : il n’est dans aucune racine ouverte.</translation>
    </message>
    <message>
        <location filename="../app/audit/auditcontroller.cpp" line="139"/>
        <source>Cannot approve %1: its files could not be read.</source>
        <translation>Impossible d’approuver %1 : ses fichiers n’ont pas pu être lus.</translation>
    </message>
    <message>
        <location filename="../app/audit/auditcontroller.cpp" line="147"/>
        <source>Cannot approve %1: %2</source>
        <translation>Impossible d’approuver %1 : %2</translation>
    </message>
</context>
<context>
    <name>redpak::gui::CapabilitiesModel</name>
    <message>
        <location filename="../app/capabilitiesmodel.cpp" line="35"/>
        <source>Add a capability</source>
        <translation>Ajouter une capacité</translation>
    </message>
    <message>
        <location filename="../app/capabilitiesmodel.cpp" line="39"/>
        <source>Remove a capability</source>
        <translation>Supprimer une capacité</translation>
    </message>
    <message>
        <location filename="../app/capabilitiesmodel.cpp" line="46"/>
        <source>Change a capability</source>
        <translation>Changer une capacité</translation>
    </message>
    <message>
        <location filename="../app/capabilitiesmodel.cpp" line="53"/>
        <source>Add a capability to the node</source>
        <translation>Ajouter une capacité au nœud</translation>
    </message>
    <message>
        <location filename="../app/capabilitiesmodel.cpp" line="53"/>
        <source>Drop a capability from the node</source>
        <translation>Retirer une capacité du nœud</translation>
    </message>
</context>
<context>
    <name>redpak::gui::CgroupsModel</name>
    <message>
        <location filename="../app/cgroupsmodel.cpp" line="78"/>
        <source>Add a cgroup limit</source>
        <translation>Ajouter une limite cgroup</translation>
    </message>
    <message>
        <location filename="../app/cgroupsmodel.cpp" line="87"/>
        <source>Remove a cgroup limit</source>
        <translation>Supprimer une limite cgroup</translation>
    </message>
    <message>
        <location filename="../app/cgroupsmodel.cpp" line="96"/>
        <source>Change a cgroup controller</source>
        <translation>Changer un contrôleur cgroup</translation>
    </message>
    <message>
        <location filename="../app/cgroupsmodel.cpp" line="104"/>
        <source>Change a cgroup key</source>
        <translation>Changer une clé cgroup</translation>
    </message>
    <message>
        <location filename="../app/cgroupsmodel.cpp" line="109"/>
        <source>Change a cgroup value</source>
        <translation>Changer une valeur cgroup</translation>
    </message>
</context>
<context>
    <name>redpak::gui::ConfigDocument</name>
    <message>
        <location filename="../app/configdocument.cpp" line="26"/>
        <source>The file or node does not exist.</source>
        <translation>Le fichier ou le nœud n’existe pas.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="29"/>
        <source>A node with this name already exists.</source>
        <translation>Un nœud de ce nom existe déjà.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="32"/>
        <source>The file changed on disk since it was opened.</source>
        <translation>Le fichier a changé sur le disque depuis son ouverture.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="35"/>
        <source>The configuration was refused as invalid.</source>
        <translation>La configuration a été refusée car invalide.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="38"/>
        <source>You are not authorized to do this.</source>
        <translation>Vous n’êtes pas autorisé à faire cela.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="41"/>
        <source>The operation failed.</source>
        <translation>L’opération a échoué.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="130"/>
        <source>%1: “%2”: %3</source>
        <translation>%1 : « %2 » : %3</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="149"/>
        <source>This node is not in an opened root.</source>
        <translation>Ce nœud n’est dans aucune racine ouverte.</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="242"/>
        <source>Edit YAML</source>
        <translation>Modifier le YAML</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="259"/>
        <source>Revert to the file on disk</source>
        <translation>Revenir au fichier sur le disque</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="272"/>
        <source>Create the admin configuration</source>
        <translation>Créer la configuration d’administration</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="339"/>
        <source>Reload the file changed on disk</source>
        <translation>Recharger le fichier modifié sur le disque</translation>
    </message>
    <message>
        <location filename="../app/configdocument.cpp" line="367"/>
        <source>Load the file changed on disk</source>
        <translation>Charger le fichier modifié sur le disque</translation>
    </message>
</context>
<context>
    <name>redpak::gui::EffectiveConfigModel</name>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="18"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="19"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="23"/>
        <source>added</source>
        <translation>ajoutée</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="23"/>
        <source>dropped</source>
        <translation>retirée</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="114"/>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="130"/>
        <source>Namespaces</source>
        <translation>Espaces de noms</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="137"/>
        <source>Capabilities</source>
        <translation>Capacités</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="141"/>
        <source>Exports</source>
        <translation>Exports</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="148"/>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="153"/>
        <source>PATH</source>
        <translation>PATH</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="158"/>
        <source>LD_LIBRARY_PATH</source>
        <translation>LD_LIBRARY_PATH</translation>
    </message>
    <message>
        <location filename="../app/effectiveconfigmodel.cpp" line="169"/>
        <source>Cgroups</source>
        <translation>Cgroups</translation>
    </message>
</context>
<context>
    <name>redpak::gui::EnvironModel</name>
    <message>
        <location filename="../app/environmodel.cpp" line="46"/>
        <source>Add an environment variable</source>
        <translation>Ajouter une variable d’environnement</translation>
    </message>
    <message>
        <location filename="../app/environmodel.cpp" line="50"/>
        <source>Remove an environment variable</source>
        <translation>Supprimer une variable d’environnement</translation>
    </message>
    <message>
        <location filename="../app/environmodel.cpp" line="54"/>
        <source>Rename an environment variable</source>
        <translation>Renommer une variable d’environnement</translation>
    </message>
    <message>
        <location filename="../app/environmodel.cpp" line="63"/>
        <source>Change the mode of an environment variable</source>
        <translation>Changer le mode d’une variable d’environnement</translation>
    </message>
    <message>
        <location filename="../app/environmodel.cpp" line="76"/>
        <source>Change the value of an environment variable</source>
        <translation>Changer la valeur d’une variable d’environnement</translation>
    </message>
</context>
<context>
    <name>redpak::gui::ExportsModel</name>
    <message>
        <location filename="../app/exportsmodel.cpp" line="55"/>
        <source>Add an export</source>
        <translation>Ajouter un export</translation>
    </message>
    <message>
        <location filename="../app/exportsmodel.cpp" line="59"/>
        <source>Remove an export</source>
        <translation>Supprimer un export</translation>
    </message>
    <message>
        <location filename="../app/exportsmodel.cpp" line="67"/>
        <source>Change the mode of an export</source>
        <translation>Changer le mode d’un export</translation>
    </message>
    <message>
        <location filename="../app/exportsmodel.cpp" line="72"/>
        <source>Change the mount point of an export</source>
        <translation>Changer le point de montage d’un export</translation>
    </message>
    <message>
        <location filename="../app/exportsmodel.cpp" line="77"/>
        <source>Change the host path of an export</source>
        <translation>Changer le chemin hôte d’un export</translation>
    </message>
</context>
<context>
    <name>redpak::gui::FamilyCheck</name>
    <message>
        <location filename="../app/familycheck.cpp" line="83"/>
        <source>Line %1: %2</source>
        <translation>Ligne %1 : %2</translation>
    </message>
</context>
<context>
    <name>redpak::gui::HeadersForm</name>
    <message>
        <location filename="../app/headersform.cpp" line="46"/>
        <source>Change the alias</source>
        <translation>Changer l’alias</translation>
    </message>
    <message>
        <location filename="../app/headersform.cpp" line="53"/>
        <source>Change the name</source>
        <translation>Changer le nom</translation>
    </message>
    <message>
        <location filename="../app/headersform.cpp" line="65"/>
        <source>Change the description</source>
        <translation>Changer la description</translation>
    </message>
</context>
<context>
    <name>redpak::gui::LaunchModel</name>
    <message numerus="yes">
        <location filename="../app/launchmodel.cpp" line="115"/>
        <source>%n process(es), no cgroup of its own</source>
        <translation>
            <numerusform>%n processus, sans cgroup propre</numerusform>
            <numerusform>%n processus, sans cgroup propre</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="121"/>
        <source>CPU %1 s, %2%</source>
        <translation>CPU %1 s, %2 %</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="123"/>
        <source>CPU %1 s</source>
        <translation>CPU %1 s</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="126"/>
        <source>memory %1</source>
        <translation>mémoire %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/launchmodel.cpp" line="130"/>
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n processus</numerusform>
            <numerusform>%n processus</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="478"/>
        <source>application %1</source>
        <translation>application %1</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="480"/>
        <source>(default shell)</source>
        <translation>(shell par défaut)</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="518"/>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="518"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="523"/>
        <source>ended with error messages (status 0)</source>
        <translation>terminé avec des messages d’erreur (code 0)</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="525"/>
        <source>killed by signal %1</source>
        <translation>tué par le signal %1</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="521"/>
        <source>exited with status %1</source>
        <translation>terminé avec le code %1</translation>
    </message>
    <message>
        <location filename="../app/launchmodel.cpp" line="527"/>
        <source>failed to start: %1</source>
        <translation>échec du démarrage : %1</translation>
    </message>
</context>
<context>
    <name>redpak::gui::NodeActions</name>
    <message>
        <location filename="../app/nodeactions.cpp" line="54"/>
        <source>Enter an alias: it names the node and its directory.</source>
        <translation>Saisissez un alias : il nomme le nœud et son répertoire.</translation>
    </message>
    <message>
        <location filename="../app/nodeactions.cpp" line="57"/>
        <source>Use 1 to 255 letters, digits or the characters + - _ @ :</source>
        <translation>Utilisez de 1 à 255 lettres, chiffres ou caractères + - _ @ :</translation>
    </message>
    <message>
        <location filename="../app/nodeactions.cpp" line="60"/>
        <source>%1 already exists.</source>
        <translation>%1 existe déjà.</translation>
    </message>
</context>
<context>
    <name>redpak::gui::ReviewModel</name>
    <message>
        <location filename="../app/audit/reviewmodel.cpp" line="200"/>
        <source>These fields hold refused values, which would not be saved:</source>
        <translation>Ces champs contiennent des valeurs refusées, qui ne seraient pas enregistrées :</translation>
    </message>
    <message>
        <location filename="../app/audit/reviewmodel.cpp" line="229"/>
        <source>%1 is not a rednode</source>
        <translation>%1 n’est pas un rednode</translation>
    </message>
    <message>
        <location filename="../app/audit/reviewmodel.cpp" line="195"/>
        <source>No configuration file is open.</source>
        <translation>Aucun fichier de configuration n’est ouvert.</translation>
    </message>
</context>
<context>
    <name>redpak::gui::SandboxFlow</name>
    <message>
        <location filename="../app/sandboxflow.cpp" line="45"/>
        <source>The node could not be created: %1</source>
        <translation>Le nœud n’a pas pu être créé : %1</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="172"/>
        <source>Choose an application first.</source>
        <translation>Choisissez d’abord une application.</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="178"/>
        <source>Choose a node.</source>
        <translation>Choisissez un nœud.</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="261"/>
        <location filename="../app/sandboxflow.cpp" line="270"/>
        <source>The application could not be added: %1</source>
        <translation>L’application n’a pas pu être ajoutée : %1</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="249"/>
        <source>%1 was added to %2, but not to the desktop menu: %3</source>
        <translation>%1 a été ajoutée à %2, mais pas au menu du bureau : %3</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="181"/>
        <source>%1 is not in an opened tree.</source>
        <translation>%1 n’est dans aucune arborescence ouverte.</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="277"/>
        <source>The application could not be added: %1. The node %2 made for it was deleted again.</source>
        <translation>L’application n’a pas pu être ajoutée : %1. Le nœud %2 créé pour elle a été supprimé.</translation>
    </message>
    <message>
        <location filename="../app/sandboxflow.cpp" line="280"/>
        <source>The application could not be added: %1. The node %2 made for it is left and could not be deleted (%3): delete it from the tree.</source>
        <translation>L’application n’a pas pu être ajoutée : %1. Le nœud %2 créé pour elle reste, il n’a pas pu être supprimé (%3) : supprimez-le depuis l’arbre.</translation>
    </message>
</context>
<context>
    <name>redpak::gui::SettingsModel</name>
    <message>
        <location filename="../app/settingsmodel.cpp" line="168"/>
        <source>Set %1</source>
        <translation>Définir %1</translation>
    </message>
    <message>
        <location filename="../app/settingsmodel.cpp" line="181"/>
        <source>Remove %1</source>
        <translation>Supprimer %1</translation>
    </message>
</context>
<context>
    <name>redpak::gui::VerifyModel</name>
    <message>
        <location filename="../app/verifymodel.cpp" line="39"/>
        <source>Namespaces</source>
        <translation>Espaces de noms</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="39"/>
        <source>Capabilities</source>
        <translation>Capacités</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="40"/>
        <source>Mounts</source>
        <translation>Montages</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="40"/>
        <source>Configuration files</source>
        <translation>Fichiers de configuration</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="41"/>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="41"/>
        <source>Launcher</source>
        <translation>Lanceur</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="42"/>
        <source>Process</source>
        <translation>Processus</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="42"/>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="85"/>
        <source>pass</source>
        <translation>réussi</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="86"/>
        <source>fail</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../app/verifymodel.cpp" line="87"/>
        <source>not observable</source>
        <translation>non observable</translation>
    </message>
</context>
<context>
    <name>redpak::gui::WhyModel</name>
    <message>
        <location filename="../app/whymodel.cpp" line="121"/>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="121"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="98"/>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="100"/>
        <source>overridden</source>
        <translation>remplacée</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="102"/>
        <source>also defined</source>
        <translation>aussi définie</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="57"/>
        <source>The definition closest to the leaf wins; an admin file bounds its node&apos;s normal file. `unset` is not a definition: it keeps what the parents set.</source>
        <translation>La définition la plus proche de la feuille l’emporte ; un fichier d’administration borne le fichier normal de son nœud. `unset` n’est pas une définition : il garde ce que les parents ont défini.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="60"/>
        <source>share_all is a fallback, not a bound: a namespace whose own share_X a file defines follows share_X; share_all decides only the namespaces no file names.</source>
        <translation>share_all est une valeur de repli, pas une borne : un espace de noms dont un fichier définit le share_X suit share_X ; share_all ne décide que des espaces de noms qu’aucun fichier ne nomme.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="63"/>
        <source>ALL is a rule for every capability at once; a file&apos;s own rule for a capability wins over its ALL rule; the leaf&apos;s decision wins unless an admin file bounds it.</source>
        <translation>ALL est une règle pour toutes les capacités à la fois ; la règle propre d’un fichier pour une capacité l’emporte sur sa règle ALL ; la décision de la feuille l’emporte sauf si un fichier d’administration la borne.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="67"/>
        <source>environ merges by key: the definition closest to the leaf wins, admin over normal within a node.</source>
        <translation>environ fusionne par clé : la définition la plus proche de la feuille l’emporte, administration avant normal dans un même nœud.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="70"/>
        <source>exports merge by mount point after normalisation (`//`, `/./`, trailing `/`); an ancestor&apos;s Private/PrivateFile exports take no part in the merge.</source>
        <translation>les exports fusionnent par point de montage après normalisation (`//`, `/./`, `/` final) ; les exports Private/PrivateFile d’un ancêtre ne participent pas à la fusion.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="73"/>
        <source>each node keeps its own cgroup limits (admin over normal); node cgroups nest like the nodes.</source>
        <translation>chaque nœud garde ses propres limites de cgroup (administration avant normal) ; les cgroups des nœuds s’imbriquent comme les nœuds.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="76"/>
        <source>path lists: the entries of a child come before those of its parents, admin before normal; a directory listed again keeps its first place.</source>
        <translation>listes de chemins : les entrées d’un enfant précèdent celles de ses parents, administration avant normal ; un répertoire listé à nouveau garde sa première place.</translation>
    </message>
    <message>
        <location filename="../app/whymodel.cpp" line="104"/>
        <source>not a definition</source>
        <translation>pas une définition</translation>
    </message>
</context>
<context>
    <name>redpak::gui::Workspace</name>
    <message>
        <location filename="../app/workspace.cpp" line="65"/>
        <source>%1 cannot be opened: it is not a directory.</source>
        <translation>%1 ne peut pas être ouvert : ce n’est pas un répertoire.</translation>
    </message>
</context>
</TS>

//! `graphdoc diff` on pages built here: each kind of change gets the expected class.

use std::path::{Path, PathBuf};

use graphdoc::diff::{diff, Change, DiffOptions, Impact};

fn page(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn resource(props: &[(&str, &str)]) -> String {
    let rows: String = props
        .iter()
        .map(|(n, t)| format!("|{n}|{t}|x|\n"))
        .collect();
    format!("---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n# widget resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n{rows}")
}

fn enumeration(members: &[&str]) -> String {
    let rows: String = members.iter().map(|m| format!("|{m}|0|x|\n")).collect();
    format!("---\ntitle: \"color enum type\"\ndoc_type: enumPageType\n---\n# color enum type\n\n## Members\n|Member|Value|Description|\n|:--|:--|:--|\n{rows}")
}

fn operation(perms: &str) -> String {
    format!("---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n# Get widget\n\n## Permissions\n|Permission type|Permissions|\n|:--|:--|\n|Delegated (work or school account)|{perms}|\n|Application|Widget.Read.All|\n\n## HTTP request\n```http\nGET /widgets/{{id}}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.\n")
}

fn tree(name: &str, props: &[(&str, &str)], members: &[&str], perms: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graphdoc-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    page(&dir, "v1.0/resources/widget.md", &resource(props));
    page(&dir, "v1.0/resources/color.md", &enumeration(members));
    page(&dir, "v1.0/api/widget-get.md", &operation(perms));
    dir
}

fn find<'a>(changes: &'a [Change], kind: &str, item: &str, what: &str) -> &'a Change {
    changes
        .iter()
        .find(|c| c.kind == kind && c.item == item && c.what.contains(what))
        .unwrap_or_else(|| panic!("no {kind} change of {item} ({what}) in {changes:#?}"))
}

#[test]
fn each_kind_of_change_is_classified() {
    let old = tree(
        "old",
        &[
            ("id", "String"),
            ("size", "Int32"),
            ("color", "[color](color.md)"),
        ],
        &["red", "blue"],
        "Widget.Read",
    );
    let new = tree(
        "new",
        &[
            ("id", "String"),
            ("size", "String"),
            ("color", "[color](color.md)"),
            ("weight", "Double"),
        ],
        &["red", "green"],
        "Widget.Read, Widget.ReadWrite",
    );
    let a = graphdoc::read_docs(std::slice::from_ref(&old));
    let b = graphdoc::read_docs(std::slice::from_ref(&new));
    let changes = diff(&a, &b, DiffOptions::default());
    assert_eq!(
        find(&changes, "property", "v1.0 widget.weight", "added").impact,
        Impact::Compatible
    );
    assert_eq!(
        find(
            &changes,
            "property",
            "v1.0 widget.size",
            "Edm.Int32 → Edm.String"
        )
        .impact,
        Impact::Breaking
    );
    assert_eq!(
        find(&changes, "member", "v1.0 color", "removed `blue`").impact,
        Impact::Breaking
    );
    assert_eq!(
        find(&changes, "member", "v1.0 color", "added `green`").impact,
        Impact::Compatible
    );
    assert_eq!(
        find(
            &changes,
            "permission",
            "v1.0 widget-get",
            "added Widget.ReadWrite"
        )
        .impact,
        Impact::Compatible
    );
    assert_eq!(changes.len(), 5, "{changes:#?}");

    // The reverse direction flips every class.
    let back = diff(&b, &a, DiffOptions::default());
    assert_eq!(
        find(&back, "property", "v1.0 widget.weight", "removed").impact,
        Impact::Breaking
    );
    assert_eq!(
        find(
            &back,
            "permission",
            "v1.0 widget-get",
            "removed Widget.ReadWrite"
        )
        .impact,
        Impact::Breaking
    );

    let md = graphdoc::diff::markdown(&changes);
    assert!(
        md.contains("## Breaking") && md.contains("| property | `v1.0 widget.size` |"),
        "{md}"
    );
    std::fs::remove_dir_all(old).ok();
    std::fs::remove_dir_all(new).ok();
}

#[test]
fn seeds_differ_in_fields_and_permissions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let beta = graphdoc::read_docs(&[root.join("beta/api")]);
    let v1 = graphdoc::read_docs(&[root.join("v1.0/api")]);
    let changes = diff(
        &beta,
        &v1,
        DiffOptions {
            ignore_version: true,
        },
    );
    find(
        &changes,
        "permission",
        "* intune-onboarding-vpptoken-synclicenses",
        "removed DeviceManagementConfiguration.ReadWrite.All",
    );
    for field in ["tokenActionResults", "roleScopeTagIds", "displayName"] {
        assert_eq!(
            find(
                &changes,
                "property",
                &format!("* vppToken.{field}"),
                "removed"
            )
            .impact,
            Impact::Breaking
        );
    }
}

#[test]
fn corpus_against_itself_is_empty() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/en");
    if !corpus.is_dir() {
        eprintln!("NOTICE: {} is absent; skipped", corpus.display());
        return;
    }
    let m = graphdoc::read_docs(&[corpus]);
    assert!(diff(&m, &m, DiffOptions::default()).is_empty());
}
